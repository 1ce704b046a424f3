/**
 * How learnings join the store, as pure functions over its contents: the same DNA topic updates its
 * choice and counts a confirmation instead of adding a second entry; the same trap or rule text is
 * kept once. An import merges by the same rules, so importing an export twice changes nothing.
 */
import type { Learning } from '../protocol';
import { builtinRules } from './builtinRules';
import { emptyLearnings, type DnaEntry, type ImportedLearnings, type LearningEntry, type StoredLearnings } from './entries';
import { entryId } from './ids';
import { sameChoice } from './normalize';

export interface MergeOutcome {
  /** New entries. */
  added: string[];
  /** DNA whose stored choice was decided again: its count went up. */
  confirmed: string[];
  /** DNA whose choice changed (the owner changed their mind): the count starts again at 1. */
  changed: string[];
  /** Traps and rules already stored, left as they were. */
  unchanged: string[];
}

/** A new store: no DNA, no traps, the built-in rules. */
export function initialLearnings(): StoredLearnings {
  return { ...emptyLearnings(), rules: builtinRules() };
}

function outcome(): MergeOutcome {
  return { added: [], confirmed: [], changed: [], unchanged: [] };
}

interface DnaIn {
  topic: string;
  choice: string;
  why: string;
  run: string;
  at: string;
  /** Confirmations this entry carries (an import); a run's decision counts once. */
  confirmed?: number;
}

function putDna(store: StoredLearnings, d: DnaIn, out: MergeOutcome, mode: 'run' | 'import'): void {
  const id = entryId('dna', d.topic);
  const i = store.dna.findIndex((e) => e.id === id);
  if (i < 0) {
    store.dna.push({ id, topic: d.topic.trim(), choice: d.choice.trim(), why: d.why.trim(), confirmed: d.confirmed ?? 1, lastSeen: d.at, run: d.run });
    out.added.push(id);
    return;
  }
  const old = store.dna[i] as DnaEntry;
  if (sameChoice(old.choice, d.choice)) {
    // A run confirms once more; an import of a count already known (an earlier export) adds nothing.
    const confirmed = mode === 'run' ? old.confirmed + 1 : Math.max(old.confirmed, d.confirmed ?? 1);
    const later = d.at > old.lastSeen;
    store.dna[i] = { ...old, confirmed, lastSeen: later ? d.at : old.lastSeen, run: later ? d.run : old.run, why: old.why || d.why };
    (confirmed === old.confirmed ? out.unchanged : out.confirmed).push(id);
    return;
  }
  // A different choice for the topic: the newer decision wins (a run is always newer than the store).
  if (mode === 'import' && d.at <= old.lastSeen) {
    out.unchanged.push(id);
    return;
  }
  store.dna[i] = { ...old, topic: d.topic.trim(), choice: d.choice.trim(), why: d.why.trim(), confirmed: d.confirmed ?? 1, lastSeen: d.at, run: d.run };
  out.changed.push(id);
}

function putTrap(store: StoredLearnings, t: { domain: string; trap: string; avoid: string; run: string }, out: MergeOutcome): void {
  const id = entryId('trap', t.trap);
  if (store.traps.some((e) => e.id === id)) return void out.unchanged.push(id);
  store.traps.push({ id, domain: t.domain.trim(), trap: t.trap.trim(), avoid: t.avoid.trim(), run: t.run });
  out.added.push(id);
}

function putRule(store: StoredLearnings, r: { rule: string; why: string; origin: string }, out: MergeOutcome): void {
  const id = entryId('rule', r.rule);
  if (store.rules.some((e) => e.id === id)) return void out.unchanged.push(id);
  store.rules.push({ id, rule: r.rule.trim(), why: r.why.trim(), origin: r.origin });
  out.added.push(id);
}

/** What a run learned, into a copy of the store. */
export function rememberInto(store: StoredLearnings, runId: string, learning: Learning, now: Date): { store: StoredLearnings; outcome: MergeOutcome } {
  const next = clone(store);
  const out = outcome();
  const at = now.toISOString();
  for (const d of learning.dna) putDna(next, { ...d, run: runId, at }, out, 'run');
  for (const t of learning.traps) putTrap(next, { ...t, run: runId }, out);
  for (const r of learning.rules) putRule(next, { ...r, origin: runId }, out);
  return { store: next, outcome: out };
}

/** An exported (or hand-written) file, into a copy of the store. */
export function importInto(store: StoredLearnings, data: ImportedLearnings, now: Date): { store: StoredLearnings; outcome: MergeOutcome } {
  const next = clone(store);
  const out = outcome();
  for (const d of data.dna) putDna(next, { topic: d.topic, choice: d.choice, why: d.why ?? '', run: d.run ?? '', at: d.lastSeen ?? now.toISOString(), confirmed: d.confirmed ?? 1 }, out, 'import');
  for (const t of data.traps) putTrap(next, { ...t, run: t.run ?? '' }, out);
  for (const r of data.rules) putRule(next, { rule: r.rule, why: r.why ?? '', origin: r.origin ?? 'import' }, out);
  return { store: next, outcome: out };
}

/** The store without the entry `id`; `removed` is undefined when there is none. */
export function forgetIn(store: StoredLearnings, id: string): { store: StoredLearnings; removed: LearningEntry | undefined } {
  const next = clone(store);
  for (const list of [next.dna, next.traps, next.rules] as LearningEntry[][]) {
    const i = list.findIndex((e) => e.id === id);
    if (i >= 0) return { store: next, removed: list.splice(i, 1)[0] };
  }
  return { store, removed: undefined };
}

export function countOf(store: StoredLearnings): number {
  return store.dna.length + store.traps.length + store.rules.length;
}

function clone(store: StoredLearnings): StoredLearnings {
  return structuredClone(store);
}
