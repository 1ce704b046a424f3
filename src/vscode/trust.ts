import * as vscode from 'vscode';

export const UNTRUSTED_DETAIL =
  'Factory does not run in an untrusted workspace: it lets language models write files and run build and test commands. Trust this workspace to use it.';

/** True when the workspace is trusted; otherwise tells the person why nothing runs and how to change that. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(UNTRUSTED_DETAIL, 'Manage Workspace Trust').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
