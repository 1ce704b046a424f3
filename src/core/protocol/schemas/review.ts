/** review: from qc and architect, about a blueprint or a task's diff (the per-task gates). */
import { z } from 'zod';
import { envelopeOf, expected, object, score, severity, text } from './common';

const finding = object(
  {
    severity,
    where: z.string(expected('a string naming where (e.g. "tasks.T1.acceptance")')).default(''),
    issue: text(),
    fix: z.string(expected('a string')).default(''),
  },
  expected('a finding {"severity", "where", "issue", "fix"}'),
);

export const reviewSchema = object({
  ...envelopeOf('review'),
  score,
  findings: z.array(finding, expected('an array of findings')).default([]),
});

export type Review = z.infer<typeof reviewSchema>;
