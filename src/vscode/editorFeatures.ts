/**
 * Factory where the work is, in the editor (issue 10, items 3-5): findings as diagnostics with their
 * quick fix, blueprint.md's CodeLens, the status bar while a run is going, and a task's diff.
 * Returns what follows each run, for the run host.
 */
import type * as vscode from 'vscode';
import { registerBlueprintLens } from './blueprintLens';
import { FindingDiagnostics } from './findingDiagnostics';
import { registerFixFindingActions } from './fixFindingAction';
import { RunStatusBar } from './runStatusBar';
import type { RunWatcher } from './runWatch';
import { registerTaskDiff } from './taskDiff';

export interface EditorFeatures {
  watchers: RunWatcher[];
  diagnostics: FindingDiagnostics;
  statusBar: RunStatusBar;
}

export function registerEditorFeatures(context: vscode.ExtensionContext): EditorFeatures {
  const diagnostics = new FindingDiagnostics();
  const statusBar = new RunStatusBar();
  context.subscriptions.push(diagnostics, statusBar);
  registerFixFindingActions(context, diagnostics);
  registerTaskDiff(context);
  const lens = registerBlueprintLens(context);
  return { watchers: [diagnostics.watch, lens.watch, statusBar.watch], diagnostics, statusBar };
}
