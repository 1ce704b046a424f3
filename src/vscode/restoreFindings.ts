/**
 * Findings diagnostics come back when VS Code starts again (issue 10, item 5): for each folder of
 * the workspace with Factory runs (a workspace folder, or a folder an audit was run on), the findings
 * of its latest run, read from that run's journal. Called after activation returns, so the journal
 * reader is loaded then, not at activation.
 */
import * as vscode from 'vscode';
import type { FindingDiagnostics } from './findingDiagnostics';

const JOURNALS = '**/.factory/runs/*/journal.jsonl';

export async function restoreFindings(diagnostics: FindingDiagnostics): Promise<void> {
  const { listRunIds } = await import('../core/pipeline/journal/runFolder.js');
  // The workspace folders themselves, and every folder whose .factory/runs/ holds a journal.
  const folders = new Map<string, vscode.Uri>((vscode.workspace.workspaceFolders ?? []).map((f) => [f.uri.toString(), f.uri]));
  for (const journal of await vscode.workspace.findFiles(JOURNALS)) {
    const folder = vscode.Uri.joinPath(journal, '..', '..', '..', '..');
    folders.set(folder.toString(), folder);
  }
  // A folder's findings replace what is shown under it: outer folders first, so an audit of an inner one stays.
  const outerFirst = [...folders.values()].sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  for (const folder of outerFirst) {
    let latest: string | undefined;
    try {
      latest = listRunIds(folder.fsPath).at(-1);
    } catch {
      // A runs folder that cannot be read: nothing to show for it.
    }
    if (latest) await diagnostics.restore(folder, latest);
  }
}
