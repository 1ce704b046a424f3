/** Folds the host's write outcomes back into the block results: a block is applied only once written. */
import type { WriteOutcome } from '../ports';
import type { PatchResult } from './types';

export function withWriteOutcomes(result: PatchResult, outcomes: readonly WriteOutcome[]): PatchResult {
  const failed = new Map<string, string>();
  for (const o of outcomes) if (!o.ok) failed.set(o.path, o.reason);
  return {
    changes: result.changes.filter((c) => !failed.has(c.path)),
    blocks: result.blocks.map((b) => {
      const reason = b.status === 'applied' ? failed.get(b.file) : undefined;
      if (reason === undefined) return b;
      // Failed like any other failure: no strategy, line or notes, so nothing reads it as applied.
      return {
        ...b,
        status: 'failed',
        // Not written means not applied: no strategy, line or notes are reported for it.
        strategy: null,
        line: null,
        notes: [],
        kind: 'write_failed',
        reason: `block ${b.block} (${b.file}): matched at line ${b.line}, but the file was not written: ${reason}. Nothing was changed in this file.`,
      };
    }),
  };
}
