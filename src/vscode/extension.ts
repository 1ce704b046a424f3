import * as vscode from 'vscode';
import type { LogEntry } from '../core/log/entry';
import { outputLine } from '../core/log/outputLine';
import { RunLog } from '../core/log/runLog';
import { EndpointApprovals, type AskEndpoint } from '../core/providers/endpointApprovals';
import { FACTORY_VERSION } from '../core/version';
import { IDLE_STATE, type DashboardState } from '../shared/messages';
import { scriptedAsker, windowAsker, type Asker, type AskedQuestion } from './asker';
import { registerAuditReportLens } from './auditReportLens';
import { registerCommands } from './commands';
import { ContextKeys, type ContextKey } from './contextKeys';
import { dashboardActions } from './dashboardActions';
import { DASHBOARD_VIEW_ID, DashboardView, type DashboardAction } from './dashboardView';
import { registerEditorFeatures } from './editorFeatures';
import { askEndpointModal } from './endpointPrompt';
import { modalGateUi, type GateUi } from './gatePrompt';
import { ExtensionLearningStore, LEARNINGS_SCHEME, LearningsView } from './learningsView';
import type { Notice } from './notices';
import { Notifier } from './notify';
import { restoreFindings } from './restoreFindings';
import { watchResumable } from './resumableWatch';
import { RunHost, type RunWatch } from './runHost';
import { RUN_SOURCE } from './runView';
import { ShownRun } from './shownRun';
import { secretName } from './secretKeys';
import { WatchedProgress, type ShownProgress } from './watchedProgress';

/** What activate() returns: used by the integration tests, and by anything scripting Factory. */
export interface FactoryApi {
  version: string;
  log: RunLog;
  dashboard: Pick<DashboardView, 'whenReady' | 'ping' | 'readies'>;
  /**
   * Only when VS Code runs the extension under its test runner (ExtensionMode.Test), never for a
   * user: the integration tests answer the "send your key there?" modal and clear the answers.
   */
  testing?: {
    answerEndpointQuestions(ask: AskEndpoint): void;
    forgetEndpointAnswers(): Promise<void>;
    /** Answers the gate's questions (`gate: "human"`) instead of the modal; undefined restores the modal. */
    answerGateQuestions(ui: GateUi | undefined): void;
    /** Stores (or with undefined removes) a key in SecretStorage, as "Factory: Set API Key" does after its input box. */
    storeApiKey(account: string, key: string | undefined): Promise<void>;
    /**
     * Answers the commands' quick picks and input boxes: the label to pick or the text to type
     * (undefined closes the question); undefined restores VS Code's own widgets.
     */
    answerQuestions(answer: ((q: AskedQuestion) => string | undefined) | undefined): void;
    /** The context keys as Factory last set them (VS Code cannot read them back). */
    contextKeys(): Record<ContextKey, boolean | undefined>;
    /** The notifications shown, newest last. */
    notices(): readonly Notice[];
    /** What the run status bar item shows (undefined: hidden). */
    statusBarText(): string | undefined;
    /** The lines written to the "Factory" Output channel, `<level> <line>`, oldest first (the newest 20,000). */
    outputLines(): readonly string[];
    /** The run's progress notification open now (undefined: none). */
    progress(): ShownProgress | undefined;
    /** Presses its Cancel, as a person would; false when no cancellable notification is open. */
    cancelProgress(): boolean;
  };
}

/** How often, at most, a running run's picture is sent to the dashboard. */
const REFRESH_MS = 150;

export function activate(context: vscode.ExtensionContext): FactoryApi {
  const log = new RunLog();
  const output = vscode.window.createOutputChannel('Factory', { log: true });
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const written: string[] = [];
  // The Output channel has the dashboard's log as text: the run's journal lines and the session's own.
  const toOutput = (e: LogEntry): void => {
    const line = outputLine(e);
    output[e.level](line);
    if (!testMode) return;
    written.push(`${e.level} ${line}`);
    if (written.length > 20000) written.splice(0, written.length - 20000);
  };
  const stopMirror = log.subscribe((e) => {
    if (e.source !== RUN_SOURCE) toOutput(e);
  });

  let state: DashboardState = { ...IDLE_STATE, trusted: vscode.workspace.isTrusted };
  // The run the dashboard shows, projected from its journal each time the page is sent the state.
  const shown = new ShownRun();
  const pictureOptions = (): { reviewTarget?: number; budgetUsd: number | null } => {
    const cfg = vscode.workspace.getConfiguration('factory');
    const target = cfg.get<number>('thresholds.review');
    return { ...(typeof target === 'number' && { reviewTarget: target }), budgetUsd: cfg.get<number | null>('limits.budgetUsd') ?? null };
  };
  const current = (): DashboardState => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (folder && state.phase !== 'running') shown.showLatest(folder);
    return { ...state, run: shown.picture(pictureOptions()) };
  };
  // Set below: the dashboard's buttons act through the commands and the run host.
  let act: (action: DashboardAction) => void = () => undefined;
  const dashboard = new DashboardView(context.extensionUri, log, current, (a) => act(a), () => shown.logLines());
  // A run writes many journal events a second: the page gets the state at most every REFRESH_MS.
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = (): void => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      dashboard.refresh();
    }, REFRESH_MS);
  };
  const update = (change: Partial<DashboardState>): void => {
    state = { ...state, ...change };
    dashboard.refresh();
  };
  const watch: RunWatch = {
    begin: (folder, resumeId) => shown.begin(folder, resumeId),
    event: (e) => {
      const lines = shown.add(e);
      dashboard.postLines(lines);
      for (const line of lines) toOutput(line);
      scheduleRefresh();
    },
    text: (e) => dashboard.postText(e),
    end: () => {
      shown.end();
      dashboard.endTexts();
    },
  };

  context.subscriptions.push(
    { dispose: () => refreshTimer && clearTimeout(refreshTimer) },
    output,
    { dispose: stopMirror },
    dashboard,
    vscode.window.registerWebviewViewProvider(DASHBOARD_VIEW_ID, dashboard),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      update({ trusted: true });
      log.info('extension', 'The workspace is now trusted; Factory can run here.');
    }),
  );
  // Endpoints that only workspace settings chose are used once the user allows them; kept per workspace.
  const approvals = new EndpointApprovals(context.workspaceState, askEndpointModal);
  let gateUi: GateUi = modalGateUi;
  // Learnings are kept across workspaces, in the extension's global storage.
  const learningStore = new ExtensionLearningStore(context, log);
  const learnings = new LearningsView(learningStore);
  const notifier = new Notifier();
  const keys = new ContextKeys();
  let asker: Asker = windowAsker;
  const editor = registerEditorFeatures(context);
  const progress = testMode ? new WatchedProgress() : undefined;
  const runs = new RunHost({ secrets: context.secrets, log, approvals, update, gateUi: () => gateUi, learning: learningStore, notifier, keys, watch, watchers: editor.watchers, ...(progress && { withProgress: progress.run }) });
  act = dashboardActions({ extensionId: context.extension.id, runs, shown, notify: (notice) => update({ notice }) });
  context.subscriptions.push(runs, learnings, vscode.workspace.registerTextDocumentContentProvider(LEARNINGS_SCHEME, learnings));
  registerCommands({ context, log, dashboard, approvals, runs, learnings, notify: (notice) => update({ notice }), ask: () => asker, notifier, keys });
  // Cancel off, and Resume on only when the folder has a stopped run: read after activation returns,
  // and again when a journal changes outside a run here (the CLI) or the window regains focus.
  keys.set('factory.running', false);
  const firstFolder = (): vscode.Uri | undefined => vscode.workspace.workspaceFolders?.[0]?.uri;
  setTimeout(() => void keys.refreshResumable(firstFolder()), 0);
  context.subscriptions.push(watchResumable(keys, firstFolder));
  // The last runs' findings as diagnostics again (after a restart), read once activation has returned.
  setTimeout(() => void restoreFindings(editor.diagnostics), 0);
  registerAuditReportLens(context);

  log.info('extension', `Factory ${FACTORY_VERSION} is ready${vscode.workspace.isTrusted ? '' : ' (untrusted workspace: nothing will run)'}.`);
  const testing =
    testMode && progress
      ? {
          answerEndpointQuestions: (ask: AskEndpoint) => approvals.setAsk(ask),
          forgetEndpointAnswers: () => approvals.forget(),
          answerGateQuestions: (ui: GateUi | undefined) => {
            gateUi = ui ?? modalGateUi;
          },
          storeApiKey: async (account: string, key: string | undefined) => {
            if (key === undefined) await context.secrets.delete(secretName(account));
            else await context.secrets.store(secretName(account), key);
          },
          answerQuestions: (answer: ((q: AskedQuestion) => string | undefined) | undefined) => {
            asker = answer ? scriptedAsker(answer) : windowAsker;
          },
          contextKeys: () => keys.snapshot(),
          notices: () => notifier.shown,
          statusBarText: () => (editor.statusBar.visible ? editor.statusBar.text : undefined),
          outputLines: () => written,
          progress: () => progress.shown(),
          cancelProgress: () => progress.cancel(),
        }
      : undefined;
  return { version: FACTORY_VERSION, log, dashboard, ...(testing && { testing }) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
