/**
 * Mode AUDIT (DESIGN.md): recon → the project's tests → self-audit by the ceo → external QC by qc and
 * architect → learnings; report.md is written by the runner from the journal. The audit is handed a
 * context with no edit port (auditContext), so no step of it can change a project file.
 *
 * How an audit ends: `shipped` when it completed (recon, and all three reviews usable: the findings
 * are the result, whatever they say, and whether the project's tests pass or not); `not_shipped` when
 * it could not finish (recon failed, or a reviewer's report could not be used after the repairs).
 * A cancel, the budget or a provider that could not answer stop it resumably, as any run.
 */
import type { ReconFn } from '../../codemap/recon';
import type { SplitCommand } from '../blueprint/checkBlueprint';
import type { RunEnd } from '../createRun';
import type { RunContext } from '../runContext';
import { auditContext, type AuditContext } from './auditContext';
import { AUDIT_CODE_CHARS } from './auditBudget';
import { auditFindingsEvent, type AuditFinding, type Auditor } from './auditFindings';
import { groupFindings, severityRank, type GroupedFinding } from './groupFindings';
import { auditLearning } from './auditLearning';
import { auditContextText, shownList } from './auditRequest';
import { externalQc, selfAudit, type AuditReview, type Seen } from './auditReviews';
import { projectTests } from './projectTests';
import { reconStage } from './reconStage';
import { chooseSample, type AuditSample } from './sample';

/** The AUDIT pipeline over a recon function (the code map's; tests pass their own). */
export function auditPipeline(reconFn: ReconFn): (ctx: RunContext, split: SplitCommand) => Promise<RunEnd> {
  return (ctx, split) => runAudit(auditContext(ctx), split, reconFn);
}

export async function runAudit(ctx: AuditContext, split: SplitCommand, reconFn: ReconFn): Promise<RunEnd> {
  const mapped = await reconStage(ctx, reconFn);
  if (!mapped.ok) return { state: 'not_shipped', reason: mapped.reason };
  const { recon } = mapped;
  // Which files are read is decided once (durable): a resumed audit reads the same ones.
  const sample = await ctx.effects.once<AuditSample>('audit:sample', 'snapshot', () => chooseSample(ctx.workspace, recon, AUDIT_CODE_CHARS));
  ctx.journal.append({ type: 'note', topic: 'audit.sample', data: sample });
  const tests = await projectTests(ctx, split, recon.testCommand);

  // Each reviewer's request: the shared part first (the same for all), then the files of its angle.
  const seen = async (by: Auditor): Promise<Seen> => {
    return { context: await auditContextText(ctx.workspace, recon, sample, tests, by), shown: shownList(sample, by) };
  };
  const reviews: AuditReview[] = [await selfAudit(ctx, await seen('ceo')), ...(await externalQc(ctx, { qc: await seen('qc'), architect: await seen('architect') }))];
  const findings: AuditFinding[] = reviews.flatMap((r) => (r.ok ? r.findings : []));
  ctx.journal.append(auditFindingsEvent(findings));
  await auditLearning(ctx, groupFindings(findings), tests);

  const failed = reviews.filter((r): r is Extract<AuditReview, { ok: false }> => !r.ok);
  if (failed.length) return { state: 'not_shipped', reason: `the audit could not finish: ${failed.map((r) => r.why).join('; ')}` };
  return { state: 'shipped', reason: summary(reviews, groupFindings(findings), tests.state === 'ran' ? tests : undefined) };
}

function summary(reviews: AuditReview[], findings: GroupedFinding[], tests: { command: string; exitCode: number | null } | undefined): string {
  const scores = reviews.map((r) => `${r.by} ${r.ok ? r.score : '-'}`).join(', ');
  const bySeverity = new Map<string, number>();
  for (const f of findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const counts = [...bySeverity]
    .sort(([a], [b]) => severityRank(a) - severityRank(b))
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const unplaced = findings.filter((f) => f.checked !== 'ok').length;
  const reported = findings.reduce((n, f) => n + f.findings.length, 0);
  const grouped = reported > findings.length ? `, ${reported} as reported (the same issue from several reviewers counted once)` : '';
  const testWords = tests ? `the project's tests ${tests.exitCode === 0 ? 'pass' : 'fail'}` : "the project's tests were not run";
  return `audit done: ${findings.length} finding${findings.length === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}${grouped}${unplaced ? `, ${unplaced} naming a file or line that does not exist` : ''}; scores ${scores}; ${testWords}`;
}
