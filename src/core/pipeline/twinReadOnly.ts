/**
 * The twin writes nothing, ever (DESIGN.md, "What models may write"): SEARCH/REPLACE blocks in any
 * twin reply are never applied; they are counted, recorded as a protocol violation and shown to the
 * person following the run. One check for every twin step (gate, verify_plan, verify_report).
 */
import { parseBlocks } from '../patch/parseBlocks';
import type { RunContext } from './runContext';

/** Records the blocks of a twin reply as refused; returns how many there were. */
export function refuseTwinBlocks(ctx: RunContext, step: string, reply: string): number {
  const blocks = parseBlocks(reply);
  if (blocks.length === 0) return 0;
  const paths = [...new Set(blocks.map((b) => (b.ok ? b.block.path : b.malformed.path)).filter((p) => p !== undefined))];
  ctx.journal.append({
    type: 'note',
    topic: 'protocol_violation',
    data: { role: 'twin', step, refusedBlocks: blocks.length, paths, why: 'the twin is read-only; its blocks were refused and nothing was written' },
  });
  ctx.progress({ kind: 'warn', message: `the twin sent ${blocks.length} SEARCH/REPLACE block${blocks.length === 1 ? '' : 's'} at ${step}: refused (the twin is read-only)` });
  return blocks.length;
}
