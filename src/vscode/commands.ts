import * as vscode from 'vscode';
import type { Role } from '../core/config/roles';
import type { RunLog } from '../core/log/runLog';
import type { EndpointApprovals } from '../core/providers/endpointApprovals';
import { setApiKey } from './apiKeys';
import type { Asker, Choice } from './asker';
import { configureRoles } from './configureRoles';
import type { ContextKeys } from './contextKeys';
import { DASHBOARD_VIEW_ID, type DashboardView } from './dashboardView';
import type { LearningsView } from './learningsView';
import { busyNotice, notStarted, untrustedNotice, type Notice, type NoticeAction } from './notices';
import type { Notifier } from './notify';
import type { CommandOutcome } from './outcome';
import type { RunStart } from '../core/pipeline/modes';
import { recentRequests } from './recentRequests';
import type { RunHost } from './runHost';
import type { Settings } from './settings';
import { UNTRUSTED_DETAIL } from './trust';

export const COMMAND_IDS = [
  'factory.build',
  'factory.audit',
  'factory.update',
  'factory.updateFromAudit',
  'factory.cancel',
  'factory.resume',
  'factory.openDashboard',
  'factory.configureRoles',
  'factory.setApiKey',
  'factory.showLearnings',
] as const;

/** How a notification names the command that did not start. */
const WHAT: Record<string, string> = {
  'factory.build': 'Build',
  'factory.update': 'Update',
  'factory.updateFromAudit': 'Update',
  'factory.audit': 'Audit',
  'factory.resume': 'Resume',
};
const OPEN_SETTINGS = (setting: string): NoticeAction => ({ label: 'Open Settings', command: 'workbench.action.openSettings', args: [setting] });
const CONFIGURE_ROLES: NoticeAction = { label: 'Configure Roles', command: 'factory.configureRoles' };
const SET_API_KEY: NoticeAction = { label: 'Set API Key', command: 'factory.setApiKey' };

export interface CommandDeps {
  context: vscode.ExtensionContext;
  log: RunLog;
  dashboard: DashboardView;
  /** Asks before a key goes to an endpoint that only workspace settings chose. */
  approvals: EndpointApprovals;
  /** Shows a sentence on the dashboard (the last thing that happened, or what to do next). */
  notify: (notice: string) => void;
  /** Runs the pipeline, one run at a time. */
  runs: RunHost;
  /** "Factory: Show Learnings". */
  learnings: LearningsView;
  /** The quick picks and input boxes (scripted in the integration tests). */
  ask: () => Asker;
  /** The notifications. */
  notifier: Notifier;
  /** factory.running and factory.canResume. */
  keys: ContextKeys;
}

type Ready = { settings: Extract<Settings, { ok: true }>; folder: vscode.Uri };

export function registerCommands(deps: CommandDeps): void {
  const { context, log } = deps;

  const finish = (outcome: CommandOutcome): CommandOutcome => {
    const level = outcome.status === 'refused' || outcome.status === 'failed' || (outcome.run && outcome.run.state !== 'shipped') ? 'warn' : 'info';
    log.add(level, outcome.command.replace(/^factory\./, ''), outcome.detail + (outcome.target ? ` (${outcome.target})` : ''));
    deps.notify(outcome.detail);
    return outcome;
  };

  const refused = (command: string, detail: string): CommandOutcome => finish({ command, status: 'refused', detail });
  const show = (notice: Notice): void => void deps.notifier.show(notice);
  const what = (command: string): string => WHAT[command] ?? 'Factory';

  /**
   * Checks trust, an open folder, the settings, what the run's budget needs (a price for every
   * model), and the endpoints only workspace settings chose (asking the user about each once), in
   * that order; returns why not, or undefined.
   */
  const preflight = async (command: string): Promise<CommandOutcome | Ready> => {
    if (!vscode.workspace.isTrusted) {
      show(untrustedNotice(what(command)));
      return refused(command, UNTRUSTED_DETAIL);
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) {
      show({ level: 'info', text: `${what(command)} not started: open a folder first; Factory works on the files of a workspace folder.`, actions: [] });
      return refused(command, 'No folder is open.');
    }
    // Loaded on first use: the schema library costs ~30 ms to load, which activation should not pay.
    const { readSettings, formatProblems } = await import('./settings.js');
    const settings = readSettings();
    if (!settings.ok) {
      const detail = `The Factory settings have problems:\n${formatProblems(settings.problems)}`;
      const roles = settings.problems.some((p) => p.path.startsWith('roles.') || p.path.startsWith('factory.roles.'));
      show(notStarted(what(command), formatProblems(settings.problems).split('\n'), 'factory.', [...(roles ? [CONFIGURE_ROLES] : []), OPEN_SETTINGS('factory.')]));
      return refused(command, detail);
    }
    const { budgetPreflight } = await import('../core/providers/priceCheck.js');
    const unpriced = await budgetPreflight(settings.config);
    if (unpriced.length) {
      const detail = `The run cannot start, nothing was sent:\n${formatProblems(unpriced)}`;
      show(notStarted(what(command), formatProblems(unpriced).split('\n'), 'factory.', [OPEN_SETTINGS('factory.providers.prices')]));
      return refused(command, detail);
    }
    const notAllowed = await deps.approvals.refusals(settings.workspaceEndpoints);
    if (notAllowed.length > 0) {
      const detail = notAllowed.join('\n');
      show(notStarted(what(command), notAllowed));
      return refused(command, detail);
    }
    return { settings, folder };
  };

  /**
   * What only a run needs beyond the preflight: no other run going, and a key for every role a run
   * always calls (as the CLI checks before it starts), so a run does not stop at its first call.
   */
  const runPreflight = async (command: string, roles?: readonly Role[]): Promise<CommandOutcome | Ready> => {
    const busy = deps.runs.busy();
    if (busy) {
      show(busyNotice(busy));
      return refused(command, busy);
    }
    const ready = await preflight(command);
    if ('command' in ready) return ready;
    const { keysPreflight } = await import('../core/providers/keysPreflight.js');
    const { secretKeys } = await import('./secretKeys.js');
    const keyless = await keysPreflight(ready.settings.config, secretKeys(context.secrets), roles);
    if (keyless.length) {
      const detail = `The run cannot start, nothing was sent:\n${keyless.map((k) => `  ${k}`).join('\n')}`;
      show(notStarted(what(command), keyless, '', [SET_API_KEY, CONFIGURE_ROLES]));
      return refused(command, detail);
    }
    return ready;
  };

  /** Resume: the run given (scripts, tests, the end notification), or one picked from the folder's stopped and unfinished runs. */
  const resume = async (given: unknown): Promise<CommandOutcome> => {
    const command = 'factory.resume';
    const ready = await runPreflight(command);
    if ('command' in ready) return ready;
    const { listRuns } = await import('../core/pipeline/runRow.js');
    const { resumeItems } = await import('./resumeItems.js');
    const rows = listRuns(ready.folder.fsPath);
    let runId = typeof given === 'string' && given.trim() ? given.trim() : undefined;
    if (runId === undefined) {
      const items = resumeItems(rows, Date.now());
      if (items.length === 0) {
        const detail = 'There is no stopped or unfinished run in this folder to resume. Start one with "Factory: Build".';
        show({ level: 'info', text: `Nothing to resume: no stopped or unfinished run in this folder.`, actions: [] });
        void deps.keys.refreshResumable(ready.folder);
        return finish({ command, status: 'idle', detail });
      }
      const pick = await deps.ask().pick({ title: 'Factory: Resume Run', placeHolder: 'Which run should go on? Most recent first.', items, matchOnDescription: true, matchOnDetail: true });
      if (!pick) return finish({ command, status: 'cancelled', detail: 'No run was chosen; nothing was resumed.' });
      runId = pick.id;
    }
    const id = runId;
    const row = rows.find((r) => r.id === id);
    const request = row?.request ?? '';
    const { resumeRun } = await import('../core/pipeline/runner.js');
    const { config, workspaceEndpoints } = ready.settings;
    return finish(await deps.runs.run({ command, config, workspaceEndpoints, folder: ready.folder, request, ...(row && { mode: row.mode }), runId: id, go: (runDeps) => resumeRun(runDeps, config, id) }));
  };

  const recent = recentRequests(context.globalState);

  /**
   * The request given (scripts, tests) or asked for; undefined when the person gave none. Build offers
   * its recent requests (newest first) to pick again; typing gives a new one.
   */
  const askRequest = async (given: unknown, prompt: string, offerRecent: boolean): Promise<string | undefined> => {
    if (typeof given === 'string' && given.trim()) return given.trim();
    const items: (Choice & { request: string })[] = offerRecent ? recent.list().map((r) => ({ label: r, description: 'recent', request: r })) : [];
    const pick = await deps.ask().pick({
      title: 'Factory',
      placeHolder: `${prompt}${items.length ? ' Type a new request, or pick a recent one.' : ' Type it, then Enter.'}`,
      items,
      typed: (value) => ({ label: value, description: 'new request', request: value }),
    });
    return pick?.request.trim() || undefined;
  };

  /** A new run of `mode` in the folder the checks found, to its end (Build and Update; Update from an audit). */
  const startIn = async (command: string, ready: Ready, start: RunStart, folder: vscode.Uri = ready.folder): Promise<CommandOutcome> => {
    // Asked while an input box or a pick was open: another run may have started meanwhile.
    const busy = deps.runs.busy();
    if (busy) return refused(command, busy);
    const { startRun } = await import('../core/pipeline/runner.js');
    const { config, workspaceEndpoints } = ready.settings;
    return finish(await deps.runs.run({ command, config, workspaceEndpoints, folder, request: start.request, mode: start.mode, go: (runDeps) => startRun(runDeps, config, start) }));
  };

  /**
   * Build and Update: the checks, then the request asked for, then a run of that mode to its end: in
   * the first folder, or in `inFolder` (a folder inside the workspace: the quick fix on a finding
   * passes the folder the finding's run worked on).
   */
  const requestRun =
    (command: string, mode: 'create' | 'update', question: string) =>
    async (given: unknown, inFolder?: unknown): Promise<CommandOutcome> => {
      const ready = await runPreflight(command);
      if ('command' in ready) return ready;
      const folder = inFolder instanceof vscode.Uri ? inFolder : undefined;
      if (folder && !vscode.workspace.getWorkspaceFolder(folder)) return refused(command, `${folder.fsPath} is not inside the open workspace; Factory runs only on the workspace's folders. Nothing was started.`);
      const request = await askRequest(given, question, mode === 'create');
      if (!request) return finish({ command, status: 'cancelled', detail: 'No request was given; nothing was started.' });
      if (mode === 'create') await recent.add(request);
      return startIn(command, ready, { mode, request }, folder);
    };
  const build = requestRun('factory.build', 'create', 'What should Factory build?');
  const update = requestRun('factory.update', 'update', 'What should Factory change in this project?');

  /**
   * Update from an audit: the audit run given (its id, or its report.md from the report's CodeLens
   * and the end notification), or one picked from the folder's audits; its findings become the request
   * of an UPDATE run of the folder the audit was of.
   */
  const updateFromAudit = async (given: unknown): Promise<CommandOutcome> => {
    const command = 'factory.updateFromAudit';
    const ready = await runPreflight(command);
    if ('command' in ready) return ready;
    const { auditOf } = await import('./auditReportLens.js');
    const target = auditOf(given);
    const folder = target?.folder ?? ready.folder;
    let auditId = target?.id;
    if (auditId === undefined) {
      const { listRuns } = await import('../core/pipeline/runRow.js');
      const audits = listRuns(ready.folder.fsPath).filter((r) => r.mode === 'audit').reverse();
      if (audits.length === 0) {
        const detail = 'There is no audit in this folder to fix findings from. Run "Factory: Audit Folder" first.';
        show({ level: 'info', text: 'Nothing to fix: no audit in this folder yet. Run "Factory: Audit Folder" first.', actions: [] });
        return finish({ command, status: 'idle', detail });
      }
      const pick = await deps.ask().pick({
        title: 'Factory: Fix Audit Findings with Update',
        placeHolder: "Which audit's findings should be fixed? Newest first.",
        items: audits.map((r) => ({ label: r.id, description: `${r.state.replace('_', ' ')}${r.reason ? `: ${r.reason}` : ''}`, id: r.id })),
      });
      if (!pick) return finish({ command, status: 'cancelled', detail: 'No audit was chosen; nothing was started.' });
      auditId = pick.id;
    }
    const { requestFromAudit } = await import('../core/pipeline/update/fromAudit.js');
    const from = requestFromAudit(folder.fsPath, auditId);
    if (!from.ok) {
      const detail = `${from.why.replace('(see `factory runs`', '("Factory: Resume Run" lists runs').replace(/`factory audit`/g, '"Factory: Audit Folder"')}. Nothing was run.`;
      show(notStarted('Update', [detail]));
      return refused(command, detail);
    }
    return startIn(command, ready, { mode: 'update', request: from.request, fromAudit: auditId }, folder);
  };

  /**
   * Audit Folder: the checks (keys of the three roles an audit calls), then an AUDIT run of the folder
   * clicked in the Explorer (or given as a path; from the palette, the first folder). The audited
   * folder is the run's workspace: its report goes to <folder>/.factory/runs/<id>/. The project's
   * tests run only after a yes in a modal.
   */
  const audit = async (target: unknown): Promise<CommandOutcome> => {
    const command = 'factory.audit';
    const { AUDITORS } = await import('../core/pipeline/audit/auditFindings.js');
    // From the Explorer menu the clicked folder arrives as a Uri; from a script, a path; from the palette, a folder picked.
    const given = target instanceof vscode.Uri ? target : typeof target === 'string' && target.trim() ? vscode.Uri.file(target.trim()) : undefined;
    const ready = await runPreflight(command, AUDITORS);
    if ('command' in ready) return given ? { ...ready, target: given.fsPath } : ready;
    const uri = given ?? (await pickFolder());
    if (!uri) return finish({ command, status: 'cancelled', detail: 'No folder was chosen; nothing was audited.' });
    const kind = await vscode.workspace.fs.stat(uri).then(
      (s) => s.type,
      () => undefined,
    );
    if (kind === undefined || (kind & vscode.FileType.Directory) === 0) return refused(command, `${uri.fsPath} is not a folder; Audit Folder audits a folder.`);
    const request = `audit of ${uri.path.split('/').filter(Boolean).pop() ?? uri.fsPath}`;
    const { startRun } = await import('../core/pipeline/runner.js');
    const { config, workspaceEndpoints } = ready.settings;
    return finish(await deps.runs.run({ command, config, workspaceEndpoints, folder: uri, request, mode: 'audit', go: (runDeps) => startRun(runDeps, config, { mode: 'audit', request, path: '.' }) }));
  };

  /** The palette's Audit Folder: a workspace folder or one of its top-level folders, or any other through the file dialog. */
  const pickFolder = async (): Promise<vscode.Uri | undefined> => {
    const roots = vscode.workspace.workspaceFolders ?? [];
    const items: (Choice & { uri?: vscode.Uri })[] = [];
    for (const root of roots) {
      items.push({ label: `$(root-folder) ${root.name}`, description: 'the whole folder', uri: root.uri });
      const entries = await vscode.workspace.fs.readDirectory(root.uri).then(
        (e) => e,
        () => [] as [string, vscode.FileType][],
      );
      for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
        if (type & vscode.FileType.Directory && !name.startsWith('.') && name !== 'node_modules') {
          items.push({ label: `$(folder) ${name}`, description: roots.length > 1 ? root.name : '', uri: vscode.Uri.joinPath(root.uri, name) });
        }
      }
    }
    items.push({ label: '$(folder-opened) Choose another folder…' });
    const pick = await deps.ask().pick({ title: 'Factory: Audit Folder', placeHolder: 'Which folder should be audited? Nothing in it is changed.', items, matchOnDescription: true });
    if (!pick) return undefined;
    if (pick.uri) return pick.uri;
    const [chosen] = (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Audit', ...(roots[0] && { defaultUri: roots[0].uri }) })) ?? [];
    return chosen;
  };

  const handlers: Record<(typeof COMMAND_IDS)[number], (...args: unknown[]) => Promise<CommandOutcome> | CommandOutcome> = {
    'factory.build': build,
    'factory.update': update,
    'factory.updateFromAudit': updateFromAudit,
    'factory.audit': audit,
    'factory.cancel': async () => finish(await deps.runs.cancel()),
    'factory.resume': resume,
    'factory.openDashboard': async () => {
      await vscode.commands.executeCommand(`${DASHBOARD_VIEW_ID}.focus`);
      return { command: 'factory.openDashboard', status: 'done', detail: 'The dashboard is open.' };
    },
    'factory.setApiKey': async (account) => {
      const set = await setApiKey(deps.ask(), context.secrets, typeof account === 'string' ? account : undefined);
      if (!set) return { command: 'factory.setApiKey', status: 'cancelled', detail: 'No key was changed.' };
      const detail = set.removed ? `Key removed for ${set.label}.` : `Key stored for ${set.label}, in VS Code's secret storage.`;
      show({ level: 'info', text: detail, actions: [] });
      return { command: 'factory.setApiKey', status: 'done', detail, target: set.account };
    },
    'factory.configureRoles': async (role) => {
      const outcome = await configureRoles(deps.ask(), context.secrets, (account) => Promise.resolve(vscode.commands.executeCommand('factory.setApiKey', account)), role);
      if (outcome.status === 'done') show({ level: / But: /.test(outcome.detail) ? 'warning' : 'info', text: outcome.detail, actions: [] });
      return finish(outcome);
    },
    'factory.showLearnings': async () => finish(await deps.learnings.show()),
  };

  for (const id of COMMAND_IDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handlers[id]));
  }
}
