/** task_result: from ceo or junior, once per TDD phase, next to the phase's SEARCH/REPLACE blocks. */
import { z } from 'zod';
import { envelopeOf, expected, id, looseEnum, object, relPath } from './common';

export const PHASES = ['tests', 'implementation', 'refactor'] as const;

export const taskResultSchema = object({
  ...envelopeOf('task_result'),
  task: id,
  phase: looseEnum(PHASES, 'lower'),
  files: z.array(relPath, expected('an array of the files the blocks touch')).default([]),
  notes: z.string(expected('a string')).default(''),
});

export type TaskResult = z.infer<typeof taskResultSchema>;
