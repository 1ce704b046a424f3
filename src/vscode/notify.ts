/** Shows a Notice (notices.ts) as a VS Code notification, and runs the command of the button picked. */
import * as vscode from 'vscode';
import type { ActionArg, Notice } from './notices';

// Read at the call, not at load: activation should touch no API it does not use yet.
const SHOW = {
  info: (text: string, ...labels: string[]) => vscode.window.showInformationMessage(text, ...labels),
  warning: (text: string, ...labels: string[]) => vscode.window.showWarningMessage(text, ...labels),
  error: (text: string, ...labels: string[]) => vscode.window.showErrorMessage(text, ...labels),
} as const;

const argOf = (a: ActionArg): unknown => (typeof a === 'string' ? a : vscode.Uri.file(a.file));

export class Notifier {
  /** The notices shown, newest last: for the integration tests, which cannot read notifications. */
  readonly shown: Notice[] = [];

  /** Shows it; resolves once a button was picked and its command ran (or the notification closed). */
  async show(notice: Notice): Promise<void> {
    this.shown.push(notice);
    if (this.shown.length > 100) this.shown.shift();
    const pick = await SHOW[notice.level](notice.text, ...notice.actions.map((a) => a.label));
    const action = notice.actions.find((a) => a.label === pick);
    if (action) await vscode.commands.executeCommand(action.command, ...(action.args ?? []).map(argOf));
  }
}
