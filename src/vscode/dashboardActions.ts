/**
 * What the dashboard's buttons do, once parseWebviewMessage has checked them: run a Factory command
 * (or the walkthrough, or workspace trust), open the run's blueprint or report, answer a human gate,
 * open a task's diff (the command `factory.showTaskDiff`) or its evidence.
 */
import * as vscode from 'vscode';
import type { DashboardCommand } from '../shared/messages';
import type { DashboardAction } from './dashboardView';
import type { RunHost } from './runHost';
import type { ShownRun } from './shownRun';

export interface ActionDeps {
  /** `<publisher>.<name>`: the walkthrough is `<id>#welcome`. */
  extensionId: string;
  runs: RunHost;
  shown: ShownRun;
  /** A sentence on the dashboard: why a button could not do what it says. */
  notify: (notice: string) => void;
}

/** The VS Code command (and its arguments) behind each dashboard command. */
function commandOf(command: DashboardCommand, extensionId: string): [string, ...unknown[]] {
  switch (command) {
    case 'welcome':
      return ['workbench.action.openWalkthrough', `${extensionId}#welcome`, false];
    case 'manageTrust':
      return ['workbench.trust.manage'];
    default:
      return [`factory.${command}`];
  }
}

export function dashboardActions(deps: ActionDeps): (action: DashboardAction) => void {
  const { shown, notify } = deps;
  const openAt = async (file: string, find?: string): Promise<void> => {
    const doc = await vscode.workspace.openTextDocument(file);
    const at = find === undefined ? -1 : doc.getText().indexOf(find);
    const pos = at >= 0 ? doc.positionAt(at) : new vscode.Position(0, 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
  };
  const failed = (what: string) => (e: unknown): void => notify(`${what} did not open: ${e instanceof Error ? e.message : String(e)}`);

  return (action) => {
    switch (action.type) {
      case 'run': {
        const [id, ...args] = commandOf(action.command, deps.extensionId);
        void vscode.commands.executeCommand(id, ...args).then(undefined, failed(`"${action.command}"`));
        return;
      }
      case 'open': {
        const file = shown.file(action.runId, action.file === 'report' ? 'report.md' : 'blueprint.md');
        if (!file) return notify(`The ${action.file} of run ${action.runId} is not written yet${action.file === 'report' ? ': it is written when the run ends' : ''}.`);
        void openAt(file).then(undefined, failed(`The ${action.file}`));
        return;
      }
      case 'gate':
        if (!deps.runs.answerGate(action.runId, action.verdict)) notify(`Run ${action.runId} is not waiting for a gate decision now.`);
        return;
      case 'taskDiff':
        void vscode.commands.executeCommand('factory.showTaskDiff', { runId: action.runId, taskId: action.taskId }).then(undefined, failed(`The diff of ${action.taskId}`));
        return;
      case 'evidence': {
        // The report has a section per task once the run ends; before, the task's lines in the journal.
        const report = shown.file(action.runId, 'report.md');
        const journal = shown.file(action.runId, 'journal.jsonl');
        const target = report ? { file: report, find: `### ${action.taskId}` } : journal ? { file: journal, find: `"task":"${action.taskId}"` } : undefined;
        if (!target) return notify(`Run ${action.runId} has no evidence for ${action.taskId} yet.`);
        void openAt(target.file, target.find).then(undefined, failed(`The evidence of ${action.taskId}`));
        return;
      }
    }
  };
}
