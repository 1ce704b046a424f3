/**
 * Findings are checked against the files, not trusted: a finding whose file is not in the audited
 * folder is `no_file`, one whose line is past the file's end is `no_line`. The reviewer is not asked
 * again (an audit reviewer may name a file it saw only in the map); the report marks what did not hold.
 */
import type { AuditReport } from '../../protocol';
import type { ReadOnlyWorkspace } from './auditContext';
import type { AuditFinding, Auditor, FindingCheck } from './auditFindings';

export async function checkFindings(workspace: ReadOnlyWorkspace, by: Auditor, findings: AuditReport['findings']): Promise<AuditFinding[]> {
  const seen = new Map<string, FileLines>();
  const out: AuditFinding[] = [];
  for (const f of findings) {
    let file = seen.get(f.file);
    if (file === undefined) seen.set(f.file, (file = await linesOf(workspace, f.file)));
    const line = f.line ?? null;
    const checked: FindingCheck = !file.exists ? 'no_file' : line !== null && (file.lines === null || line > file.lines) ? 'no_line' : 'ok';
    out.push({ by, severity: f.severity, file: f.file, line, issue: f.issue, fix: f.fix, checked });
  }
  return out;
}

/** Whether the file is there (one the audit may read), and its number of lines when it is text. */
type FileLines = { exists: boolean; lines: number | null };

async function linesOf(workspace: ReadOnlyWorkspace, path: string): Promise<FileLines> {
  const got = await workspace.read(path);
  if (got.kind === 'missing') return { exists: false, lines: null };
  // A binary file is there but has no lines to point at; a path the workspace refuses is not the folder's.
  if (got.kind === 'refused') return { exists: got.why === 'unreadable', lines: null };
  const lines = got.text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { exists: true, lines: lines.length };
}
