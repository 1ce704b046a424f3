/** decision: the twin's gate verdict. CHANGE must say what to change. */
import { z } from 'zod';
import { envelopeOf, looseEnum, object, textList } from './common';

export const VERDICTS = ['ACCEPT', 'CHANGE', 'REJECT'] as const;

export const decisionSchema = object({
  ...envelopeOf('decision'),
  verdict: looseEnum(VERDICTS, 'upper'),
  reasons: textList().default([]),
  changes: textList().default([]),
}).superRefine((d, ctx) => {
  if (d.verdict === 'CHANGE' && d.changes.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['changes'], message: 'expected at least one change when the verdict is CHANGE' });
  }
});

export type Decision = z.infer<typeof decisionSchema>;
