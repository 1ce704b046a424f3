/**
 * `factory update --from-audit <id>` (issue 9, item 7): an AUDIT run's findings, most severe first,
 * become the request of an UPDATE run (prompts/update.from_audit.md), so a project can be audited
 * and its findings fixed test-first without a person rewording them.
 */
import { renderNamedPrompt } from '../../prompts/load';
import { readJournal } from '../journal/journal';
import { RunFolder } from '../journal/runFolder';
import { auditFindingsOf } from '../audit/auditFindings';
import { placesText, type GroupedFinding } from '../audit/groupFindings';

export type FromAudit = { ok: true; request: string; findings: number } | { ok: false; why: string };

const SEVERITY = ['critical', 'high', 'medium', 'low', 'info'];
const rank = (s: string): number => {
  const i = SEVERITY.indexOf(s.toLowerCase());
  return i < 0 ? SEVERITY.length : i;
};

export function requestFromAudit(root: string, auditId: string): FromAudit {
  if (!/^[A-Za-z0-9._-]+$/.test(auditId)) return { ok: false, why: `"${auditId}" is not a run id (see \`factory runs\`)` };
  const folder = new RunFolder(root, auditId);
  if (!folder.exists()) return { ok: false, why: `there is no run ${auditId} in ${root} (see \`factory runs\`; an audit keeps its runs in the folder it audited: give that folder with --dir)` };
  const events = readJournal(folder.journalFile);
  const start = events.find((e) => e.type === 'run');
  if (start?.type !== 'run') return { ok: false, why: `the journal of run ${auditId} has no start; it cannot be read` };
  if (start.mode !== 'audit') return { ok: false, why: `run ${auditId} is a${start.mode === 'update' ? 'n UPDATE' : ' CREATE'} run, not an audit; --from-audit takes the id of a run of \`factory audit\`` };
  const findings = auditFindingsOf(events);
  if (findings === undefined) return { ok: false, why: `audit ${auditId} recorded no findings (it may have stopped before its reviews; resume it with \`factory resume ${auditId}\` or run \`factory audit\` again)` };
  if (findings.length === 0) return { ok: false, why: `audit ${auditId} found nothing to fix` };
  const sorted = [...findings].sort((a, b) => rank(a.severity) - rank(b.severity));
  const request = renderNamedPrompt('update.from_audit', {
    audit_id: auditId,
    path: start.path && start.path !== '.' ? ` (the folder ${start.path})` : '',
    findings: sorted.map((f, i) => findingText(f, i + 1)).join('\n'),
  }).trim();
  return { ok: true, request, findings: findings.length };
}

function findingText(f: GroupedFinding, n: number): string {
  const where = placesText(f);
  const unsure = f.checked === 'no_file' ? ' (the audit did not find this file)' : f.checked === 'no_line' ? ' (the audit did not find this line)' : '';
  return `${n}. [${f.severity}] ${where}${unsure} (found by ${f.foundBy.join(', ')}): ${f.issue}\n   Fix: ${f.fix || '(none proposed)'}`;
}
