/**
 * WAVES: tasks in dependency order, a wave's tasks side by side, each test-first with the engine's
 * own test runs, gates after GREEN, and the circuit breaker (src/core/pipeline/waves/).
 */
import type { Blueprint } from '../../protocol';
import type { RunContext } from '../runContext';
import type { WavesOutcome } from '../waves/outcome';
import { runWaves, type WavesOptions } from '../waves/runWaves';

export type { TaskEnd, TaskOutcome, WavesOutcome } from '../waves/outcome';

export async function buildWaves(ctx: RunContext, bp: Blueprint, doc: string, opts: WavesOptions = {}): Promise<WavesOutcome> {
  ctx.progress({ kind: 'stage', stage: 'waves' });
  return runWaves(ctx, bp, doc, opts);
}
