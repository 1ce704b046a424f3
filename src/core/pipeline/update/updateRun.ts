/**
 * Mode UPDATE (issue 9): recon (computed) → a delta blueprint by the ceo → the same review, gate,
 * waves, code QC, verify and learn as CREATE (fromBlueprint.ts), with the project's test suite run
 * before the first task (the baseline) and after each task's GREEN and refactor: a test that passed
 * in the baseline and fails now is a TRAP whose failure goes back to the implementer.
 */
import type { ReconFn } from '../../codemap/recon';
import { reconStage } from '../audit/reconStage';
import type { SplitCommand } from '../blueprint/checkBlueprint';
import { fromBlueprint, type RunEnd } from '../fromBlueprint';
import type { RunContext } from '../runContext';
import { baselineStage } from './baselineStage';
import { draftDeltaBlueprint, updateChecks } from './deltaBlueprint';
import { existingForQc, projectForReview } from './reconText';

/** The UPDATE pipeline over a recon function (the code map's; tests may pass their own). */
export function updatePipeline(reconFn: ReconFn): (ctx: RunContext, split: SplitCommand) => Promise<RunEnd> {
  return (ctx, split) => updateRun(ctx, split, reconFn);
}

export async function updateRun(ctx: RunContext, split: SplitCommand, reconFn: ReconFn): Promise<RunEnd> {
  // The same computed, durable recon as AUDIT (its cache under <root>/.factory/cache/).
  const mapped = await reconStage(ctx, reconFn);
  if (!mapped.ok) return { state: 'not_shipped', reason: mapped.reason };
  const seen = mapped.recon;
  const drafted = await draftDeltaBlueprint(ctx, split, seen);
  if (!drafted.ok) return { state: 'not_shipped', reason: drafted.reason };
  return fromBlueprint(ctx, split, drafted, {
    more: updateChecks(seen),
    project: projectForReview(seen),
    existing: existingForQc(ctx.workspace.root, reconFn, ctx.signal),
    beforeWaves: async (bp) => {
      const base = await baselineStage(ctx, bp);
      return base.ok ? { ok: true, waves: { guard: base.guard } } : base;
    },
  });
}
