/**
 * The dashboard page. Built here rather than in src/vscode so the webview test tier loads exactly the
 * page the extension serves. The CSP allows only our own script (by nonce) and stylesheet.
 */
export interface DashboardPage {
  /** The webview's `cspSource` (in tests: the origin that serves the files). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function dashboardHtml(page: DashboardPage): string {
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource}`,
    `img-src ${page.cspSource} data:`,
    `font-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(page.styleUri)}">
<title>Factory</title>
</head>
<body>
<main id="app">
  <section id="untrusted" class="banner warn" role="status" hidden>
    <strong>Factory will not run in this folder: it is not trusted.</strong>
    A run writes files and runs the project's commands, so Factory waits until you trust the folder.
    <div class="actions"><button class="secondary" data-command="manageTrust">Manage Workspace Trust</button></div>
  </section>
  <section id="empty" class="empty-state" aria-label="Getting started" hidden>
    <p><strong>Factory builds software from one request:</strong> models plan it, review it and write it test-first, task by task, and only test runs count as proof.</p>
    <p>Set up the models first: each role (ceo, qc, architect, twin, assistant, junior) needs a provider and a model, and most providers a key.</p>
    <div class="actions">
      <button data-command="welcome">Open the Walkthrough</button>
      <button class="secondary" data-command="configureRoles">Configure Roles…</button>
    </div>
  </section>
  <section id="run" class="run" aria-label="Run">
    <div class="phase"><span id="phase" data-phase="idle">Idle</span><span id="stage"></span></div>
    <div id="request" class="request"></div>
    <div id="notice" class="notice" role="status" hidden></div>
    <div class="actions" id="actions">
      <button id="btn-build" data-command="build">Build…</button>
      <button id="btn-audit" data-command="audit" class="secondary">Audit…</button>
      <button id="btn-cancel" data-command="cancel" class="secondary" disabled>Cancel</button>
      <button id="btn-resume" data-command="resume" class="secondary" hidden>Resume</button>
      <button id="btn-blueprint" data-open="blueprint" class="secondary" hidden>Open Blueprint</button>
      <button id="btn-report" data-open="report" class="secondary" hidden>Open Report</button>
    </div>
  </section>
  <section id="picture" aria-label="The run" hidden>
    <h2>Stages</h2>
    <ol id="stages" class="stages"></ol>
    <div id="gate-box" class="gate" hidden>
      <h2>Gate</h2>
      <div id="gate"></div>
      <div class="actions" id="gate-actions" hidden>
        <button id="btn-approve" data-gate="ACCEPT">Approve</button>
        <button id="btn-reject" data-gate="REJECT" class="secondary">Reject…</button>
      </div>
    </div>
    <div id="scores-box" hidden>
      <h2>Scores</h2>
      <table id="review" class="scores"></table>
      <ul id="checks" class="checks"></ul>
    </div>
    <div id="tasks-box" hidden>
      <h2>Tasks</h2>
      <div id="board" class="board"></div>
    </div>
    <div id="cost-box" hidden>
      <h2>Tokens and cost</h2>
      <div id="budget" class="budget"><div class="budget-bar"><div id="budget-fill" class="budget-fill"></div></div><span id="budget-text"></span></div>
      <table id="cost" class="cost"></table>
    </div>
  </section>
  <section class="log" aria-label="Run log">
    <h2>Run log</h2>
    <div id="log" class="entries" role="log" tabindex="0"></div>
    <p id="log-empty" class="empty">Nothing has run yet.</p>
  </section>
</main>
<script nonce="${escapeAttr(page.nonce)}" src="${escapeAttr(page.scriptUri)}"></script>
</body>
</html>`;
}
