/**
 * The rules of the original factory, shipped as defaults (origin "built-in"): a new store holds them,
 * `forget --all` brings them back, and a single one can be forgotten by its id like any rule.
 */
import { entryId } from './ids';
import type { RuleEntry } from './entries';

const RULES: ReadonlyArray<{ rule: string; why: string }> = [
  { rule: 'never skip review scores', why: 'a blueprint or change that was not scored was not reviewed' },
  { rule: 'tests passing is not the app working — run the real thing', why: 'green tests can miss a broken start, a missing route or a wrong wiring' },
  { rule: 'claimed is not verified — show the output', why: 'a model saying it works is not evidence; the command output is' },
  { rule: 'never build services without wiring them', why: 'an unwired service passes its own tests and does nothing in the app' },
  { rule: 'never let a model review its own work', why: 'an author misses the same mistakes when it reviews itself' },
  { rule: 'never use floating point for money', why: 'binary fractions drift: 0.1 + 0.2 is not 0.3; use integer minor units or decimals' },
];

export function builtinRules(): RuleEntry[] {
  return RULES.map((r) => ({ id: entryId('rule', r.rule), rule: r.rule, why: r.why, origin: 'built-in' }));
}
