/**
 * What a run recalls of the learning store: read once, the entries relevant to the request chosen
 * within the token budget (src/core/learning/retrieve.ts), and recorded as a durable step, so every
 * stage of the run, and the run resumed later, works from the same learnings even if the store
 * changed meanwhile. A store that cannot be read is noted; the run goes on without learnings.
 */
import { selectLearnings, type DnaEntry, type Selection } from '../learning';
import type { RunContext } from './runContext';

export interface Recalled {
  selection: Selection;
  /** Every stored DNA choice (not only the chosen ones): a blueprint decision on any of them is settled. */
  dna: DnaEntry[];
}

const KEY = 'snapshot:learnings';

export async function recallLearnings(ctx: RunContext): Promise<Recalled> {
  // Several stages ask; only the first reads (a later `once` would count as a replay).
  if (ctx.effects.has(KEY)) return ctx.effects.recorded(KEY) as Recalled;
  return ctx.effects.once(KEY, 'snapshot', async () => {
    let recalled: Recalled;
    try {
      const all = await ctx.learning.read();
      recalled = { selection: selectLearnings(all, ctx.request), dna: all.dna };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      ctx.journal.append({ type: 'note', topic: 'learnings.failed', data: { why } });
      ctx.progress({ kind: 'warn', message: `the learnings could not be read, so this run uses none: ${why}` });
      recalled = { selection: selectLearnings({ factory: 'learnings', version: 1, dna: [], traps: [], rules: [] }, ctx.request), dna: [] };
    }
    const s = recalled.selection;
    ctx.journal.append({
      type: 'note',
      topic: 'learnings.used',
      data: { domains: s.domains, dna: s.dna.map((d) => d.id), traps: s.traps.map((t) => t.id), rules: s.rules.map((r) => r.id), lines: [...s.dna.map(dl), ...s.traps.map((t) => `[${t.id}] (${t.domain}) ${t.trap}`), ...s.rules.map((r) => `[${r.id}] ${r.rule}`)], tokens: s.tokens, budget: s.budget, leftOut: s.leftOut },
    });
    return recalled;
  });
}

const dl = (d: DnaEntry): string => `[${d.id}] ${d.topic}: ${d.choice}`;
