/**
 * Mode UPDATE (issue 9): recon (computed) → a delta blueprint by the ceo → the same review, gate,
 * waves, code QC, verify and learn as CREATE (fromBlueprint.ts), with the project's test suite run
 * before the first task (the baseline) and after each task's GREEN and refactor: a test that passed
 * in the baseline and fails now is a TRAP whose failure goes back to the implementer.
 */
import type { SplitCommand } from '../blueprint/checkBlueprint';
import { fromBlueprint, type RunEnd } from '../fromBlueprint';
import type { RunContext } from '../runContext';
import { baselineStage } from './baselineStage';
import { draftDeltaBlueprint, updateChecks } from './deltaBlueprint';
import { reconStage } from './reconStage';

export async function updateRun(ctx: RunContext, split: SplitCommand): Promise<RunEnd> {
  const seen = await reconStage(ctx);
  const drafted = await draftDeltaBlueprint(ctx, split, seen);
  if (!drafted.ok) return { state: 'not_shipped', reason: drafted.reason };
  return fromBlueprint(ctx, split, drafted, {
    more: updateChecks(seen),
    beforeWaves: async (bp) => {
      const base = await baselineStage(ctx, bp);
      return base.ok ? { ok: true, waves: { guard: base.guard } } : base;
    },
  });
}
