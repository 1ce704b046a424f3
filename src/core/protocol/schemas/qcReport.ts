/** qc_report (QC over all code) and audit_report (AUDIT): scored findings that name files and lines. */
import { z } from 'zod';
import { envelopeOf, expected, line, object, relPath, score, severity, text } from './common';

export const fileFinding = object(
  {
    severity,
    file: relPath,
    line: line.optional(),
    issue: text(),
    fix: z.string(expected('a string')).default(''),
  },
  expected('a finding {"severity", "file", "line", "issue", "fix"}'),
);

const deadCode = object({ file: relPath, symbol: text() }, expected('an entry {"file", "symbol"}'));

export const qcReportSchema = object({
  ...envelopeOf('qc_report'),
  score,
  findings: z.array(fileFinding, expected('an array of findings')).default([]),
  dead_code: z.array(deadCode, expected('an array of {"file", "symbol"} entries')).default([]),
});

export const auditReportSchema = object({
  ...envelopeOf('audit_report'),
  score,
  findings: z.array(fileFinding, expected('an array of findings')).default([]),
});

export type QcReport = z.infer<typeof qcReportSchema>;
export type AuditReport = z.infer<typeof auditReportSchema>;
