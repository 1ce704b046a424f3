/**
 * One line per learning, with its id: the same words in a prompt, in `factory learnings list` and in
 * "Factory: Show Learnings", so what a person forgets by id is what the models were shown.
 */
import type { DnaEntry, RuleEntry, TrapEntry } from './entries';

/** The choice is quoted as JSON: a blueprint copies it exactly, and brackets of its own stay apart from the why. */
export function dnaLine(d: DnaEntry): string {
  return `[${d.id}] ${d.topic}: ${JSON.stringify(d.choice)} (${d.why ? `why: ${d.why}; ` : ''}confirmed ${d.confirmed}×)`;
}

export function trapLine(t: TrapEntry): string {
  return `[${t.id}] (${t.domain}) ${t.trap}; avoid: ${t.avoid}`;
}

export function ruleLine(r: RuleEntry): string {
  return `[${r.id}] ${r.rule}${r.why ? ` (${r.why})` : ''}`;
}

/** About four characters a token: the budget's unit (prompts mix prose and code). */
export const CHARS_PER_TOKEN = 4;

export function tokensOf(line: string): number {
  return Math.ceil((line.length + 3) / CHARS_PER_TOKEN);
}
