/**
 * Mode CREATE, stage by stage (DESIGN.md, "The pipeline"): blueprint → review → gate → waves →
 * code QC → verify → learn. Every stage is deterministic given its recorded effects, so a resumed
 * run goes through this same function and gets answers, patches and command runs from the journal
 * up to where it stopped. Returns how the run ended; report.md is written by the caller.
 */
import type { SplitCommand } from './blueprint/checkBlueprint';
import { fromBlueprint, type RunEnd } from './fromBlueprint';
import type { RunContext } from './runContext';
import { draftBlueprint } from './stages/draftBlueprint';

export type { RunEnd } from './fromBlueprint';

export async function createRun(ctx: RunContext, split: SplitCommand): Promise<RunEnd> {
  const drafted = await draftBlueprint(ctx, split);
  if (!drafted.ok) return { state: 'not_shipped', reason: drafted.reason };
  return fromBlueprint(ctx, split, drafted);
}
