/**
 * Read-only roles write nothing, ever (DESIGN.md, "What models may write"): SEARCH/REPLACE blocks in
 * a reply of the twin, or of any role in an AUDIT, are never applied; they are counted, recorded as a
 * protocol violation and shown to the person following the run. One check for every such step.
 */
import { parseBlocks } from '../patch/parseBlocks';
import type { RunContext } from './runContext';

/** Who sent the reply and why its blocks may not be applied (the note's `why`). */
export interface ReadOnlyReply {
  role: string;
  step: string;
  why: string;
}

/**
 * Records the blocks of a read-only step's replies as refused (every reply of the step: a block in a
 * reply that was then repaired was sent all the same); returns how many there were.
 */
export function refuseBlocks(ctx: Pick<RunContext, 'journal' | 'progress'>, who: ReadOnlyReply, replies: string | readonly string[]): number {
  const blocks = (typeof replies === 'string' ? [replies] : replies).flatMap((r) => parseBlocks(r));
  if (blocks.length === 0) return 0;
  const paths = [...new Set(blocks.map((b) => (b.ok ? b.block.path : b.malformed.path)).filter((p) => p !== undefined))];
  ctx.journal.append({
    type: 'note',
    topic: 'protocol_violation',
    data: { role: who.role, step: who.step, refusedBlocks: blocks.length, paths, why: who.why },
  });
  ctx.progress({ kind: 'warn', message: `the ${who.role} sent ${blocks.length} SEARCH/REPLACE block${blocks.length === 1 ? '' : 's'} at ${who.step}: refused (${who.why.split(';')[0]})` });
  return blocks.length;
}

/** Records the blocks of a twin reply as refused; returns how many there were. */
export function refuseTwinBlocks(ctx: RunContext, step: string, replies: string | readonly string[]): number {
  return refuseBlocks(ctx, { role: 'twin', step, why: 'the twin is read-only; its blocks were refused and nothing was written' }, replies);
}
