/**
 * What the learning store holds (owner DNA, domain traps, rules), and the schema every read is
 * checked against. The same shape is the export format; an import may leave out what the store
 * computes itself (ids, counts, dates). Objects are loose: fields a later Factory adds survive.
 */
import { z } from 'zod';

const text = (what: string) => z.string(`expected ${what}`).trim().min(1, `expected ${what} (not empty)`);
const id = z.string('expected an id such as "dna-1a2b3c4d"').regex(/^(dna|trap|rule)-[0-9a-f]{8}$/, 'expected an id such as "dna-1a2b3c4d"');
const when = z.iso.datetime('expected a date and time (ISO 8601)');

const dna = z.looseObject({
  id,
  topic: text('a topic'),
  choice: text("the owner's choice"),
  why: z.string('expected why, as text').default(''),
  /** How many runs decided or accepted this same choice (1 the first time). */
  confirmed: z.int('expected a whole number of confirmations').min(1, 'expected at least 1 confirmation'),
  lastSeen: when,
  /** The last run that decided or confirmed it. */
  run: z.string('expected a run id').default(''),
});

const trap = z.looseObject({
  id,
  domain: text('a domain'),
  trap: text('the trap'),
  avoid: text('how to avoid it'),
  /** The run that found it ("" when imported without one). */
  run: z.string('expected a run id').default(''),
});

const rule = z.looseObject({
  id,
  rule: text('the rule'),
  why: z.string('expected why, as text').default(''),
  /** "built-in" for the rules Factory ships, else the run that proved it, or "import". */
  origin: text('an origin ("built-in", a run id or "import")'),
});

export const storeFileSchema = z.looseObject({
  factory: z.literal('learnings', 'expected "factory": "learnings" (this is not a Factory learnings file)'),
  version: z.literal(1, 'expected "version": 1'),
  dna: z.array(dna, 'expected an array of DNA entries').default([]),
  traps: z.array(trap, 'expected an array of traps').default([]),
  rules: z.array(rule, 'expected an array of rules').default([]),
});

export type DnaEntry = z.infer<typeof dna>;
export type TrapEntry = z.infer<typeof trap>;
export type RuleEntry = z.infer<typeof rule>;
export type StoredLearnings = z.infer<typeof storeFileSchema>;
export type LearningEntry = DnaEntry | TrapEntry | RuleEntry;

/** An import: the export format, where ids, counts, dates and runs may be left out. */
export const importFileSchema = z.looseObject({
  factory: z.literal('learnings', 'expected "factory": "learnings" (export one with `factory learnings export`)').optional(),
  version: z.literal(1, 'expected "version": 1').optional(),
  dna: z.array(dna.partial({ id: true, confirmed: true, lastSeen: true, run: true, why: true }), 'expected an array of DNA entries').default([]),
  traps: z.array(trap.partial({ id: true, run: true }), 'expected an array of traps').default([]),
  rules: z.array(rule.partial({ id: true, why: true, origin: true }), 'expected an array of rules').default([]),
});

export type ImportedLearnings = z.infer<typeof importFileSchema>;

export function emptyLearnings(): StoredLearnings {
  return { factory: 'learnings', version: 1, dna: [], traps: [], rules: [] };
}

/** "at dna[2].topic: expected a topic" for each problem, at most `max`. */
export function schemaProblems(error: z.ZodError, max = 5): string[] {
  const all = error.issues.map((i) => `at ${i.path.length ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'the top'}: ${i.message}`);
  return all.length > max ? [...all.slice(0, max), `and ${all.length - max} more`] : all;
}
