/** learning: what a run teaches the next ones (owner decisions, domain traps, never-again rules). */
import { z } from 'zod';
import { envelopeOf, expected, object, text } from './common';

const list = <T extends z.ZodType>(item: T, what: string) => z.array(item, expected(`an array of ${what}`)).default([]);

export const learningSchema = object({
  ...envelopeOf('learning'),
  dna: list(object({ topic: text(), choice: text(), why: text() }, expected('an entry {"topic", "choice", "why"}')), '{"topic", "choice", "why"} entries'),
  traps: list(object({ domain: text(), trap: text(), avoid: text() }, expected('an entry {"domain", "trap", "avoid"}')), '{"domain", "trap", "avoid"} entries'),
  rules: list(object({ rule: text(), why: text() }, expected('an entry {"rule", "why"}')), '{"rule", "why"} entries'),
});

export type Learning = z.infer<typeof learningSchema>;
