/**
 * The context keys package.json's `enablement` and `when` clauses read: `factory.running` (Cancel
 * on, Build/Audit/Update off) and `factory.canResume` (a stopped or unfinished run in the folder).
 */
import * as vscode from 'vscode';

export type ContextKey = 'factory.running' | 'factory.canResume';

export class ContextKeys {
  private readonly values = new Map<ContextKey, boolean>();

  set(key: ContextKey, value: boolean): void {
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  /** What was last set: for the integration tests (VS Code has no API to read a context key). */
  snapshot(): Record<ContextKey, boolean | undefined> {
    return { 'factory.running': this.values.get('factory.running'), 'factory.canResume': this.values.get('factory.canResume') };
  }

  /** Reads the folder's runs (loaded on first use: the engine's journal reader stays out of activation). */
  async refreshResumable(folder: vscode.Uri | undefined): Promise<void> {
    if (!folder) return this.set('factory.canResume', false);
    const { listRuns, isResumable } = await import('../core/pipeline/runRow.js');
    let can = false;
    try {
      can = listRuns(folder.fsPath).some(isResumable);
    } catch {
      // An unreadable runs folder: nothing to offer.
    }
    this.set('factory.canResume', can);
  }
}
