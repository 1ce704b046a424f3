import * as vscode from 'vscode';
import { RunLog } from '../core/log/runLog';
import { EndpointApprovals, type AskEndpoint } from '../core/providers/endpointApprovals';
import { FACTORY_VERSION } from '../core/version';
import { IDLE_STATE, type DashboardState } from '../shared/messages';
import { registerAuditReportLens } from './auditReportLens';
import { registerCommands } from './commands';
import { DASHBOARD_VIEW_ID, DashboardView } from './dashboardView';
import { registerEditorFeatures } from './editorFeatures';
import { askEndpointModal } from './endpointPrompt';
import { modalGateUi, type GateUi } from './gatePrompt';
import { ExtensionLearningStore, LEARNINGS_SCHEME, LearningsView } from './learningsView';
import { RunHost } from './runHost';
import { secretName } from './secretKeys';

/** What activate() returns: used by the integration tests, and by anything scripting Factory. */
export interface FactoryApi {
  version: string;
  log: RunLog;
  dashboard: Pick<DashboardView, 'whenReady' | 'ping'>;
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
    /** What the run status bar item shows (undefined: hidden). */
    statusBarText(): string | undefined;
  };
}

export function activate(context: vscode.ExtensionContext): FactoryApi {
  const log = new RunLog();
  const output = vscode.window.createOutputChannel('Factory', { log: true });
  const stopMirror = log.subscribe((e) => output[e.level === 'debug' ? 'debug' : e.level](`[${e.source}] ${e.message}`));

  let state: DashboardState = { ...IDLE_STATE, trusted: vscode.workspace.isTrusted };
  const dashboard = new DashboardView(
    context.extensionUri,
    log,
    () => state,
    (command) => void vscode.commands.executeCommand(`factory.${command}`),
  );
  const update = (change: Partial<DashboardState>): void => {
    state = { ...state, ...change };
    dashboard.refresh();
  };

  context.subscriptions.push(
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
  const editor = registerEditorFeatures(context);
  const runs = new RunHost({ secrets: context.secrets, log, approvals, update, gateUi: () => gateUi, learning: learningStore, watchers: editor.watchers });
  context.subscriptions.push(runs, learnings, vscode.workspace.registerTextDocumentContentProvider(LEARNINGS_SCHEME, learnings));
  registerCommands({ context, log, dashboard, approvals, runs, learnings, notify: (notice) => update({ notice }) });
  registerAuditReportLens(context);

  log.info('extension', `Factory ${FACTORY_VERSION} is ready${vscode.workspace.isTrusted ? '' : ' (untrusted workspace: nothing will run)'}.`);
  const testing =
    context.extensionMode === vscode.ExtensionMode.Test
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
          statusBarText: () => (editor.statusBar.visible ? editor.statusBar.text : undefined),
        }
      : undefined;
  return { version: FACTORY_VERSION, log, dashboard, ...(testing && { testing }) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
