/**
 * The button on an audit's report (issue 9, item 7): on `.factory/runs/<id>/report.md` of an audit
 * that recorded findings, a CodeLens "Fix findings with Update" runs "Factory: Fix Audit Findings
 * with Update" for that audit; the notification at the end of an audit offers the same.
 */
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';

const REPORT = /[\\/]\.factory[\\/]runs[\\/]([A-Za-z0-9._-]+)[\\/]report\.md$/;

export { FIX_FINDINGS } from './notices';

/**
 * The audit a command was given: its id (in the first folder), or the Uri of its report.md, which
 * also names the folder audited (the audit's workspace: <folder>/.factory/runs/<id>/report.md).
 */
export function auditOf(given: unknown): { id: string; folder?: vscode.Uri } | undefined {
  if (typeof given === 'string' && given.trim()) return { id: given.trim() };
  if (!(given instanceof vscode.Uri)) return undefined;
  const id = REPORT.exec(given.fsPath)?.[1];
  return id === undefined ? undefined : { id, folder: vscode.Uri.file(dirname(dirname(dirname(dirname(given.fsPath))))) };
}

/** How many findings the audit whose journal this is recorded; 0 for another mode or none. */
export async function auditFindingCount(journalFile: string): Promise<number> {
  const { readJournal } = await import('../core/pipeline/journal/journal.js');
  const { auditFindingsOf } = await import('../core/pipeline/audit/auditFindings.js');
  try {
    const events = readJournal(journalFile);
    const start = events.find((e) => e.type === 'run');
    return start?.type === 'run' && start.mode === 'audit' ? (auditFindingsOf(events)?.length ?? 0) : 0;
  } catch {
    return 0;
  }
}

class AuditReportLens implements vscode.CodeLensProvider {
  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const id = REPORT.exec(doc.uri.fsPath)?.[1];
    if (id === undefined) return [];
    const count = await auditFindingCount(join(dirname(doc.uri.fsPath), 'journal.jsonl'));
    if (count === 0) return [];
    const title = `$(wrench) Fix ${count === 1 ? 'the finding' : `the ${count} findings`} with Update`;
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: 'factory.updateFromAudit', arguments: [doc.uri], tooltip: `An UPDATE of ${basename(dirname(dirname(dirname(dirname(doc.uri.fsPath)))))} whose request is the findings of audit ${id}` })];
  }
}

export function registerAuditReportLens(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ pattern: '**/.factory/runs/*/report.md' }, new AuditReportLens()));
}
