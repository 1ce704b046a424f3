/** What one AUDIT reviewer's finding is, as the journal's `audit.findings` note keeps it (see auditFindings). */

export const AUDITORS = ['ceo', 'qc', 'architect'] as const;
export type Auditor = (typeof AUDITORS)[number];

/**
 * Whether the place a finding names exists: `ok` (the file exists and the line, if any, is one of its
 * lines), `no_file` (no such file in the folder), `no_line` (the line is past the file's end). Only
 * the place is checked, never whether the finding is true. A finding not `ok` is reported as such.
 */
export type FindingCheck = 'ok' | 'no_file' | 'no_line';

export interface AuditFinding {
  by: Auditor;
  severity: string;
  /** Relative to the audited folder, with `/`. */
  file: string;
  line: number | null;
  issue: string;
  fix: string;
  checked: FindingCheck;
}

