import * as vscode from 'vscode';
import type { RunLog } from '../core/log/runLog';
import type { EndpointApprovals } from '../core/providers/endpointApprovals';
import { FACTORY_VERSION } from '../core/version';
import { setApiKey } from './apiKeys';
import { DASHBOARD_VIEW_ID, type DashboardView } from './dashboardView';
import type { CommandOutcome } from './outcome';
import { requireTrust, UNTRUSTED_DETAIL } from './trust';

export const COMMAND_IDS = [
  'factory.build',
  'factory.audit',
  'factory.update',
  'factory.cancel',
  'factory.resume',
  'factory.openDashboard',
  'factory.setApiKey',
  'factory.showLearnings',
] as const;

export interface CommandDeps {
  context: vscode.ExtensionContext;
  log: RunLog;
  dashboard: DashboardView;
  /** Asks before a key goes to an endpoint that only workspace settings chose. */
  approvals: EndpointApprovals;
  /** Shows a sentence on the dashboard (the last thing that happened, or what to do next). */
  notify: (notice: string) => void;
}

export function registerCommands(deps: CommandDeps): void {
  const { context, log } = deps;

  const finish = (outcome: CommandOutcome): CommandOutcome => {
    const level = outcome.status === 'refused' ? 'warn' : 'info';
    log.add(level, outcome.command.replace(/^factory\./, ''), outcome.detail + (outcome.target ? ` (${outcome.target})` : ''));
    deps.notify(outcome.detail);
    return outcome;
  };

  const unavailable = (command: string, what: string, target?: string): CommandOutcome => {
    const detail = `${what} is not available yet in Factory ${FACTORY_VERSION}. Nothing was run or changed.`;
    void vscode.window.showInformationMessage(`Factory: ${detail}`);
    return finish({ command, status: 'unavailable', detail, ...(target !== undefined && { target }) });
  };

  const refused = (command: string, detail: string): CommandOutcome => finish({ command, status: 'refused', detail });

  const showProblems = (detail: string, setting: string): void => {
    void vscode.window.showErrorMessage(detail, { modal: false }, 'Open Settings').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
    });
  };

  /**
   * Checks trust, an open folder, the settings, what the run's budget needs (a price for every
   * model), and the endpoints only workspace settings chose (asking the user about each once), in
   * that order; returns why not, or undefined.
   */
  const preflight = async (command: string): Promise<CommandOutcome | undefined> => {
    if (!requireTrust()) return refused(command, UNTRUSTED_DETAIL);
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage('Factory: open a folder first; Factory works on the files of a workspace folder.');
      return refused(command, 'No folder is open.');
    }
    // Loaded on first use: the schema library costs ~30 ms to load, which activation should not pay.
    const { readSettings, formatProblems } = await import('./settings.js');
    const settings = readSettings();
    if (!settings.ok) {
      const detail = `The Factory settings have problems:\n${formatProblems(settings.problems)}`;
      showProblems(detail, 'factory.');
      return refused(command, detail);
    }
    const { budgetPreflight } = await import('../core/providers/priceCheck.js');
    const unpriced = await budgetPreflight(settings.config);
    if (unpriced.length) {
      const detail = `The run cannot start, nothing was sent:\n${formatProblems(unpriced)}`;
      showProblems(detail, 'factory.providers.prices');
      return refused(command, detail);
    }
    const notAllowed = await deps.approvals.refusals(settings.workspaceEndpoints);
    if (notAllowed.length > 0) {
      const detail = notAllowed.join('\n');
      void vscode.window.showErrorMessage(`Factory: ${detail}`);
      return refused(command, detail);
    }
    return undefined;
  };

  /** Build and Update: preflight, then the request (given, or asked for), then the run. */
  const requestRun = (command: string, prompt: string, what: string) => async (given: unknown): Promise<CommandOutcome> => {
    const stop = await preflight(command);
    if (stop) return stop;
    const request =
      typeof given === 'string' && given.trim()
        ? given.trim()
        : (await vscode.window.showInputBox({ title: 'Factory', prompt, ignoreFocusOut: true }))?.trim();
    if (!request) return finish({ command, status: 'cancelled', detail: 'No request was given; nothing was started.' });
    return unavailable(command, `${what} ("${request}")`);
  };

  const handlers: Record<(typeof COMMAND_IDS)[number], (...args: unknown[]) => Promise<CommandOutcome> | CommandOutcome> = {
    'factory.build': requestRun('factory.build', 'What should Factory build?', 'Build'),
    'factory.update': requestRun('factory.update', 'What should Factory change in this project?', 'Update'),
    'factory.audit': async (target) => {
      const stop = await preflight('factory.audit');
      if (stop) return stop;
      // From the Explorer menu the clicked folder arrives as a Uri; from the palette, the first folder.
      const uri = target instanceof vscode.Uri ? target : vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!uri) return refused('factory.audit', 'No folder to audit.');
      return unavailable('factory.audit', 'Audit', uri.fsPath);
    },
    'factory.cancel': () =>
      finish({ command: 'factory.cancel', status: 'idle', detail: 'No Factory run is in progress, so there is nothing to cancel.' }),
    'factory.resume': async () => {
      const stop = await preflight('factory.resume');
      if (stop) return stop;
      return unavailable('factory.resume', 'Resuming a run');
    },
    'factory.openDashboard': async () => {
      await vscode.commands.executeCommand(`${DASHBOARD_VIEW_ID}.focus`);
      return { command: 'factory.openDashboard', status: 'done', detail: 'The dashboard is open.' };
    },
    'factory.setApiKey': async (provider) => {
      const id = await setApiKey(context.secrets, typeof provider === 'string' ? provider : undefined);
      return id
        ? { command: 'factory.setApiKey', status: 'done', detail: `The API key for ${id} was updated.` }
        : { command: 'factory.setApiKey', status: 'cancelled', detail: 'No key was changed.' };
    },
    'factory.showLearnings': () => unavailable('factory.showLearnings', 'The learning store'),
  };

  for (const id of COMMAND_IDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handlers[id]));
  }
}
