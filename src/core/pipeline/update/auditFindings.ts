/**
 * The findings of an AUDIT run, as its journal keeps them (issue 9's contract with the AUDIT work):
 * one note `{ topic: 'audit.findings', data: { findings: [...] } }`. Stands in for the AUDIT work's
 * reader (src/core/pipeline/audit/auditFindings.ts) until that is merged.
 */
import type { Journalled } from '../journal/events';

export interface AuditFinding {
  by: 'ceo' | 'qc' | 'architect';
  severity: string;
  file: string;
  line: number | null;
  issue: string;
  fix: string;
  /** Whether the engine found the file and line the finding names. */
  checked: 'ok' | 'no_file' | 'no_line';
}

/** The findings of the audit's journal, or undefined when it holds none (not an audit, or it stopped before). */
export function auditFindingsOf(events: readonly Journalled[]): AuditFinding[] | undefined {
  const note = [...events].reverse().find((e) => e.type === 'note' && e.topic === 'audit.findings');
  if (note?.type !== 'note') return undefined;
  const list = (note.data as { findings?: unknown } | null)?.findings;
  return Array.isArray(list) ? list.filter(isFinding) : undefined;
}

function isFinding(f: unknown): f is AuditFinding {
  if (typeof f !== 'object' || f === null) return false;
  const x = f as Record<string, unknown>;
  return typeof x.file === 'string' && typeof x.issue === 'string' && typeof x.severity === 'string' && (x.line === null || typeof x.line === 'number');
}
