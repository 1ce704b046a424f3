/**
 * The findings of a run that point at a place in the project, read from its journal: the per-task
 * gates' (`task.gate`), code QC's (`code_qc`) and an audit's (`audit.findings`). VS Code shows them as
 * diagnostics; a quick fix turns one into an UPDATE's request (findingRequest). Only findings that
 * still describe the files are kept: a task's gate findings from its last attempt, none for a task
 * whose files the circuit breaker put back, the last code QC, an audit's findings whose file exists.
 */
import { auditFindingsOf } from '../audit/auditFindings';
import type { Journalled } from '../journal/events';

/** How loud an editor shows a finding: critical and high are errors, medium a warning, low information, info a hint. */
export type FindingLevel = 'error' | 'warning' | 'information' | 'hint';

export type FindingSource = 'gate' | 'code_qc' | 'audit';

export interface PlacedFinding {
  source: FindingSource;
  /** Relative to the run's folder, with `/`. */
  file: string;
  /** 1-based; null: the finding is about the whole file. */
  line: number | null;
  severity: string;
  level: FindingLevel;
  issue: string;
  fix: string;
  /** Who found it, in words: "bug_capture gate (T1)", "code QC", "audit (ceo, qc)". */
  by: string;
  runId: string;
}

const LEVELS: Readonly<Record<string, FindingLevel>> = { critical: 'error', high: 'error', medium: 'warning', low: 'information', info: 'hint' };

/** An unknown severity (a model's own word) is shown as a warning: neither hidden nor alarming. */
export function levelOf(severity: string): FindingLevel {
  return LEVELS[severity.trim().toLowerCase()] ?? 'warning';
}

export function placedFindings(events: readonly Journalled[]): PlacedFinding[] {
  const start = events.find((e) => e.type === 'run');
  const runId = start?.type === 'run' ? start.runId : '';
  return [...gateFindings(events, runId), ...codeQcFindings(events, runId), ...auditFindings(events, runId)];
}

function gateFindings(events: readonly Journalled[], runId: string): PlacedFinding[] {
  const rolledBack = new Set(notes(events, 'rollback').map((d) => str(d.task)));
  // The last attempt of each task: earlier attempts' findings went back to the implementer.
  const last = new Map<string, number>();
  for (const d of notes(events, 'task.gate')) last.set(str(d.task), Math.max(last.get(str(d.task)) ?? 0, num(d.attempt) ?? 0));
  const out: PlacedFinding[] = [];
  for (const d of notes(events, 'task.gate')) {
    const task = str(d.task);
    if (rolledBack.has(task) || (num(d.attempt) ?? 0) !== last.get(task)) continue;
    for (const f of records(d.findings)) {
      const place = placeOf(str(f.where));
      if (!place) continue;
      out.push({ source: 'gate', ...place, ...said(f), by: `${str(f.gate ?? d.gate)} gate (${task})`, runId });
    }
  }
  return out;
}

function codeQcFindings(events: readonly Journalled[], runId: string): PlacedFinding[] {
  const qc = notes(events, 'code_qc').pop();
  if (!qc) return [];
  return records(qc.findings)
    .filter((f) => str(f.file) !== '')
    .map((f) => ({ source: 'code_qc' as const, file: str(f.file), line: lineOf(f.line), ...said(f), by: 'code QC', runId }));
}

/**
 * An audit's findings, one diagnostic per place of each grouped issue: the same issue found by two
 * reviewers at two files is shown at both, and a finder whose file is missing takes nothing from the
 * others' places.
 */
function auditFindings(events: readonly Journalled[], runId: string): PlacedFinding[] {
  const placed: PlacedFinding[] = [];
  for (const g of auditFindingsOf(events) ?? []) {
    const here = new Map<string, PlacedFinding & { finders: string[] }>();
    for (const m of g.findings) {
      if (m.checked === 'no_file') continue;
      // A line past the file's end is not a place; the file is.
      const line = m.checked === 'no_line' ? null : m.line;
      const key = `${m.file}\u0000${line ?? ''}`;
      let p = here.get(key);
      if (!p) here.set(key, (p = { source: 'audit', file: m.file, line, severity: g.severity, level: levelOf(g.severity), issue: g.issue, fix: g.fix, by: '', runId, finders: [] }));
      if (!p.finders.includes(m.by)) p.finders.push(m.by);
    }
    for (const { finders, ...p } of here.values()) placed.push({ ...p, by: `audit (${finders.join(', ')})` });
  }
  return placed;
}

/**
 * Where a gate finding's `where` points: "src/a.js:12", "src/a.js:12:5", "src/a.js#L12",
 * "src/a.js line 12", "src/a.js (line 12)", or a bare path. A `where` that names no file (a
 * blueprint field such as "tasks.T1.acceptance", a sentence) has no place: undefined.
 */
export function placeOf(where: string): { file: string; line: number | null } | undefined {
  const text = where.trim().replace(/^`|`$/g, '');
  const m = /^([^\s:#()`]+?)(?::(\d+)(?::\d+)?|#L(\d+)(?:-L?\d+)?|,?\s+\(?line\s+(\d+)\)?)?$/i.exec(text);
  if (!m) return undefined;
  const file = (m[1] ?? '').replace(/^\.\//, '');
  // A file has a folder or an extension; "tasks.T1.acceptance" has neither a folder nor a known shape.
  if (!/\//.test(file) && !/^[^.]+\.[A-Za-z0-9]{1,6}$/.test(file)) return undefined;
  if (file.startsWith('/') || file.split('/').includes('..')) return undefined;
  const line = m[2] ?? m[3] ?? m[4];
  return { file, line: line === undefined ? null : lineOf(Number(line)) };
}

function said(f: Record<string, unknown>): Pick<PlacedFinding, 'severity' | 'level' | 'issue' | 'fix'> {
  const severity = str(f.severity) || 'medium';
  return { severity, level: levelOf(severity), issue: str(f.issue), fix: str(f.fix) };
}

/** The data of the notes of a topic, in order. */
function notes(events: readonly Journalled[], topic: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const e of events) if (e.type === 'note' && e.topic === topic && isRecord(e.data)) out.push(e.data);
  return out;
}

function records(v: unknown): Array<Record<string, unknown>> {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

function lineOf(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : null;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
