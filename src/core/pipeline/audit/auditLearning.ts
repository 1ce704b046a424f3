/**
 * LEARN for an AUDIT: the ceo turns the checked findings and the test run into a `learning` (step
 * `learning`), kept through the learning-store port as one durable step. Learning is an extra: a
 * reply or a store that fails is noted (`learning.failed`) and the audit ends as it would have.
 */
import { basename } from 'node:path';
import { renderNamedPrompt } from '../../prompts/load';
import { ProviderError } from '../../providers/errors';
import { keepLearning, learningFailed } from '../finish/keepLearning';
import { refuseBlocks } from '../twinReadOnly';
import type { AuditContext } from './auditContext';
import { placesText, type GroupedFinding } from './groupFindings';
import { testsText } from './auditRequest';
import { READ_ONLY_WHY } from './auditReviews';
import type { TestsNote } from './projectTests';

export async function auditLearning(ctx: AuditContext, findings: readonly GroupedFinding[], tests: TestsNote): Promise<void> {
  ctx.progress({ kind: 'stage', stage: 'learn' });
  try {
    const asked = await ctx.models.ask({
      key: 'audit:learning',
      role: 'ceo',
      step: 'learning',
      expect: 'learning',
      access: 'read-only',
      fresh: renderNamedPrompt('audit.learning', { folder: basename(ctx.workspace.root) || ctx.workspace.root, findings: findingsText(findings), tests: testsText(tests) }),
    });
    refuseBlocks(ctx, { role: 'ceo', step: 'learning', why: READ_ONLY_WHY }, asked.replies);
    if (!asked.ok) return learningFailed(ctx, 'this audit', `the learning reply could not be used: ${asked.reason}`);
    await keepLearning(ctx, asked.message);
  } catch (e) {
    if (ctx.signal.aborted || (e instanceof ProviderError && e.kind === 'cancelled')) throw e;
    learningFailed(ctx, 'this audit', e instanceof Error ? e.message : String(e));
  }
}

function findingsText(findings: readonly GroupedFinding[]): string {
  if (findings.length === 0) return '- none';
  return findings
    .map((f) => `- [${f.severity}] ${placesText(f)} (${f.foundBy.join(', ')}${f.checked === 'ok' ? '' : `; ${f.checked === 'no_file' ? 'no such file' : 'no such line'}`}): ${f.issue}${f.fix ? ` Fix: ${f.fix}` : ''}`)
    .join('\n');
}
