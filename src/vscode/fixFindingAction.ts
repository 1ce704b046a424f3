/**
 * The quick fix on a Factory diagnostic: "Ask Factory to fix this" starts an UPDATE run of the folder
 * the finding's run worked on, whose request is that one finding (prompts/update.from_finding.md),
 * through "Factory: Update Project…" and its checks (trust, settings, keys, one run at a time).
 */
import * as vscode from 'vscode';
import { FINDING_SOURCE, type FindingDiagnostics } from './findingDiagnostics';

export const FIX_THIS = 'Ask Factory to fix this';

class FixFindingActions implements vscode.CodeActionProvider {
  constructor(private readonly diagnostics: FindingDiagnostics) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== FINDING_SOURCE) continue;
      const found = this.diagnostics.findingOf(doc.uri, d);
      if (!found) continue;
      const { findingRequest } = await import('../core/pipeline/findings/findingRequest.js');
      const action = new vscode.CodeAction(FIX_THIS, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.command = { title: FIX_THIS, command: 'factory.update', arguments: [findingRequest(found.finding), found.folder], tooltip: `An UPDATE run of ${vscode.workspace.asRelativePath(found.folder)} that fixes this finding` };
      actions.push(action);
    }
    return actions;
  }
}

export function registerFixFindingActions(context: vscode.ExtensionContext, diagnostics: FindingDiagnostics): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new FixFindingActions(diagnostics), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}
