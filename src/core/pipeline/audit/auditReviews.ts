/**
 * The reviews of an AUDIT: the ceo's self-audit first, then external QC by qc and architect side by
 * side, each an `audit_report` (step `audit`) over the shared files and the files of its own angle. A reply's SEARCH/REPLACE
 * blocks are refused and recorded: an audit changes nothing. Each review is one `audit.review` note;
 * for each finding the engine checks that its file and line exist (checkFindings), for the `audit.findings` note.
 */
import { renderNamedPrompt } from '../../prompts/load';
import { stepPrompt } from '../prompts';
import { refuseBlocks } from '../twinReadOnly';
import type { AuditContext } from './auditContext';
import type { AuditFinding, Auditor } from './auditFindings';
import { checkFindings } from './checkFindings';

export const READ_ONLY_WHY = 'AUDIT changes no project file; its blocks were refused and nothing was written';

export type AuditReview = { by: Auditor; ok: true; score: number; findings: AuditFinding[] } | { by: Auditor; ok: false; why: string };

const ROLE_WORDS: Record<Auditor, string> = { ceo: 'lead (CEO)', qc: 'QC reviewer', architect: 'architect' };

/** What one reviewer is shown: the request's context (shared part first, then its own files) and the files read, named. */
export interface Seen {
  context: string;
  shown: string;
}

export async function selfAudit(ctx: AuditContext, seen: Seen): Promise<AuditReview> {
  ctx.progress({ kind: 'stage', stage: 'audit', detail: 'self-audit by the ceo' });
  return review(ctx, 'ceo', seen);
}

/** qc and architect at once: neither waits for the other, and one that fails does not lose the other. */
export async function externalQc(ctx: AuditContext, seen: { qc: Seen; architect: Seen }): Promise<AuditReview[]> {
  ctx.progress({ kind: 'stage', stage: 'audit', detail: 'external QC by qc and architect' });
  const settled = await Promise.allSettled([review(ctx, 'qc', seen.qc), review(ctx, 'architect', seen.architect)]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<AuditReview>).value);
}

async function review(ctx: AuditContext, by: Auditor, { context, shown }: Seen): Promise<AuditReview> {
  const asked = await ctx.models.ask({
    key: `audit:${by}`,
    role: by,
    step: 'audit',
    expect: 'audit_report',
    access: 'read-only',
    taskText: context,
    fresh: stepPrompt('audit', { role: ROLE_WORDS[by], focus: renderNamedPrompt(`audit.focus.${by}`, {}).trim(), shown }),
  });
  const refused = refuseBlocks(ctx, { role: by, step: 'audit', why: READ_ONLY_WHY }, asked.replies);
  if (!asked.ok) {
    ctx.journal.append({ type: 'note', topic: 'audit.review', data: { by, score: null, error: asked.reason, refusedBlocks: refused } });
    ctx.progress({ kind: 'warn', message: `the ${by}'s audit report could not be used: ${asked.reason}` });
    return { by, ok: false, why: `the ${by}'s audit report could not be used: ${asked.reason}` };
  }
  const findings = await checkFindings(ctx.workspace, by, asked.message.findings);
  const unplaced = findings.filter((f) => f.checked !== 'ok').length;
  ctx.journal.append({ type: 'note', topic: 'audit.review', data: { by, score: asked.message.score, findings: findings.length, unplaced, refusedBlocks: refused } });
  ctx.progress({ kind: 'info', message: `${by}: score ${asked.message.score}, ${findings.length} finding${findings.length === 1 ? '' : 's'}${unplaced ? ` (${unplaced} naming a file or line that does not exist)` : ''}` });
  return { by, ok: true, score: asked.message.score, findings };
}
