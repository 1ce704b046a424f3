/**
 * The findings of an AUDIT, as the journal keeps them: ONE note, topic `audit.findings`, holding
 * every reviewer's findings as sent, each with whether its file and line exist. This is a contract:
 * `factory update --from-audit <run>` reads it with `auditFindingsOf` (the same issue found by
 * several reviewers grouped into one, see groupFindings) and turns it into an UPDATE's request.
 *
 *   { type: 'note', topic: 'audit.findings', data: { findings: AuditFinding[] } }
 */
import type { Journalled } from '../journal/events';
import { AUDITORS, type AuditFinding } from './findingTypes';
import { groupFindings, type GroupedFinding } from './groupFindings';

export type { GroupedFinding } from './groupFindings';

export const AUDIT_FINDINGS_TOPIC = 'audit.findings';

export { AUDITORS } from './findingTypes';
export type { AuditFinding, Auditor, FindingCheck } from './findingTypes';

export interface AuditFindingsNote {
  findings: AuditFinding[];
}

/** The journal event that records them (the audit writes it once, after the reviews). */
export function auditFindingsEvent(findings: readonly AuditFinding[]): { type: 'note'; topic: typeof AUDIT_FINDINGS_TOPIC; data: AuditFindingsNote } {
  return { type: 'note', topic: AUDIT_FINDINGS_TOPIC, data: { findings: [...findings] } };
}

/**
 * The findings of an audit run, as an UPDATE and the report use them: the recorded findings with the
 * same issue found by several reviewers grouped into one (`by` names them all). Undefined when the
 * journal has none.
 */
export function auditFindingsOf(events: readonly Journalled[]): GroupedFinding[] | undefined {
  const recorded = recordedFindingsOf(events);
  return recorded === undefined ? undefined : groupFindings(recorded);
}

/**
 * The findings of an audit run from its journal's events, each as its reviewer sent it: the last
 * `audit.findings` note (a resumed audit may have written it again, the same). Undefined when the
 * journal has none (not an audit, or one that stopped before its reviews were in). Entries that are
 * not findings are left out.
 */
export function recordedFindingsOf(events: readonly Journalled[]): AuditFinding[] | undefined {
  let data: unknown;
  let found = false;
  for (const e of events) {
    if (e.type === 'note' && e.topic === AUDIT_FINDINGS_TOPIC) {
      data = e.data;
      found = true;
    }
  }
  if (!found) return undefined;
  const list = isRecord(data) && Array.isArray(data.findings) ? data.findings : [];
  return list.filter(isFinding).map((f) => ({ by: f.by, severity: f.severity, file: f.file, line: f.line, issue: f.issue, fix: f.fix, checked: f.checked }));
}

function isFinding(v: unknown): v is AuditFinding {
  if (!isRecord(v)) return false;
  return (
    (AUDITORS as readonly unknown[]).includes(v.by) &&
    typeof v.severity === 'string' &&
    typeof v.file === 'string' &&
    (v.line === null || (typeof v.line === 'number' && Number.isInteger(v.line))) &&
    typeof v.issue === 'string' &&
    typeof v.fix === 'string' &&
    (v.checked === 'ok' || v.checked === 'no_file' || v.checked === 'no_line')
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
