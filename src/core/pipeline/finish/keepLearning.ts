/**
 * The end of LEARN, the same for every mode: a `learning` is kept through the learning-store port
 * as one durable step (a resumed run does not merge it twice) and noted; a failure is noted and
 * said once, and the run ends as it would have.
 */
import type { Learning } from '../../protocol';
import type { RunContext } from '../runContext';

type LearnContext = Pick<RunContext, 'runId' | 'effects' | 'learning' | 'journal' | 'progress'>;

export async function keepLearning(ctx: LearnContext, learning: Learning): Promise<void> {
  const stored = await ctx.effects.once('write:learning', 'write', async () => {
    const outcome = await ctx.learning.remember(ctx.runId, learning);
    return { stored: true, added: outcome.added, confirmed: outcome.confirmed, changed: outcome.changed, unchanged: outcome.unchanged };
  });
  ctx.journal.append({ type: 'note', topic: 'learning', data: { dna: learning.dna.length, traps: learning.traps.length, rules: learning.rules.length, learning, stored } });
}

/** `what`: "this run", "this audit". */
export function learningFailed(ctx: LearnContext, what: string, why: string): void {
  ctx.journal.append({ type: 'note', topic: 'learning.failed', data: { why } });
  ctx.progress({ kind: 'warn', message: `nothing was learned from ${what}: ${why}` });
}
