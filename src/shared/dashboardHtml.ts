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
  <section class="run" aria-label="Run">
    <div class="phase"><span id="phase" data-phase="idle">Idle</span><span id="stage"></span></div>
    <div id="request" class="request"></div>
    <div id="notice" class="notice" role="status" hidden></div>
    <ul id="scores" class="scores" aria-label="Scores"></ul>
    <div class="actions">
      <button id="btn-build" data-command="build">Build…</button>
      <button id="btn-audit" data-command="audit" class="secondary">Audit…</button>
      <button id="btn-cancel" data-command="cancel" class="secondary" disabled>Cancel</button>
    </div>
  </section>
  <section class="log" aria-label="Run log">
    <h2>Run log</h2>
    <ol id="log" class="entries"></ol>
    <p id="log-empty" class="empty">Nothing has run yet.</p>
  </section>
</main>
<script nonce="${escapeAttr(page.nonce)}" src="${escapeAttr(page.scriptUri)}"></script>
</body>
</html>`;
}
