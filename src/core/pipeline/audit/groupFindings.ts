/**
 * The same issue found by several reviewers is one finding: the report shows one row naming every
 * reviewer who found it (and every place each named), and an UPDATE from the audit gets it once.
 * Two findings of different reviewers are the same issue when their issues say the same thing
 * (issueSimilarity): a little in common is enough at the same line of a file, more at a line at most
 * NEAR_LINES away (or both about the whole file), and much more anywhere else — another line far
 * away, or another file (the check and its caller, the code and its test). Two findings of one
 * reviewer are never merged: it listed them apart. The journal keeps every finding as it was sent;
 * this is a reading.
 */
import type { AuditFinding, Auditor, FindingCheck } from './findingTypes';
import { issueSimilarity } from './issueSimilarity';

/** How far apart two lines of one file may be and still be one place. */
export const NEAR_LINES = 5;

/** How alike two issues must be (issueSimilarity) to be one: at the same line, nearby, and anywhere else. */
export const SAME_LINE_SIMILARITY = 0.1;
export const NEARBY_SIMILARITY = 0.3;
export const ELSEWHERE_SIMILARITY = 0.45;

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * One issue. It is an AuditFinding (the first finder's, with the most severe severity given), so a
 * reader of single findings goes on working, plus every reviewer who found it and each as recorded.
 */
export interface GroupedFinding extends AuditFinding {
  /** The first reviewer who reported it. */
  by: Auditor;
  /** Every reviewer who found it, in the order they reported. */
  foundBy: Auditor[];
  /** The most severe any of them gave. */
  severity: string;
  file: string;
  /** The first finder's line. */
  line: number | null;
  /** Every line named in `file`, ascending. */
  lines: number[];
  /** Every file named, in the order found, with the lines named in it (ascending) and who named it. */
  places: Place[];
  /** The first finder's words. */
  issue: string;
  fix: string;
  /** `no_file` when the file does not exist; `no_line` when a line named is past its end; else `ok`. */
  checked: FindingCheck;
  /** Each finding as recorded. */
  findings: AuditFinding[];
}

export interface Place {
  file: string;
  lines: number[];
  by: Auditor[];
}

export function groupFindings(findings: readonly AuditFinding[]): GroupedFinding[] {
  const groups: AuditFinding[][] = [];
  for (const f of findings) {
    const home = groups.find((g) => !g.some((m) => m.by === f.by) && g.some((m) => sameIssue(m, f)));
    if (home) home.push(f);
    else groups.push([f]);
  }
  return groups.map(toGroup);
}

function sameIssue(a: AuditFinding, b: AuditFinding): boolean {
  const alike = issueSimilarity(a.issue, b.issue);
  if (a.file === b.file && a.line === b.line && a.line !== null) return alike >= SAME_LINE_SIMILARITY;
  const near = a.file === b.file && (a.line === null || b.line === null ? a.line === b.line : Math.abs(a.line - b.line) <= NEAR_LINES);
  return alike >= (near ? NEARBY_SIMILARITY : ELSEWHERE_SIMILARITY);
}

function toGroup(members: AuditFinding[]): GroupedFinding {
  const first = members[0] as AuditFinding;
  const severity = members.map((m) => m.severity).sort((x, y) => severityRank(x) - severityRank(y))[0] as string;
  const places: Place[] = [];
  for (const m of members) {
    let place = places.find((p) => p.file === m.file);
    if (!place) places.push((place = { file: m.file, lines: [], by: [] }));
    if (m.line !== null && !place.lines.includes(m.line)) place.lines.push(m.line);
    if (!place.by.includes(m.by)) place.by.push(m.by);
  }
  for (const p of places) p.lines.sort((x, y) => x - y);
  const lines = (places[0] as Place).lines;
  const checked: FindingCheck = members.some((m) => m.checked === 'no_file') ? 'no_file' : members.some((m) => m.checked === 'no_line') ? 'no_line' : 'ok';
  return { by: first.by, foundBy: members.map((m) => m.by), severity, file: first.file, line: first.line, lines, places, issue: first.issue, fix: first.fix, checked, findings: members };
}

/** Where a severity comes, most severe first (an unknown one last). */
export function severityRank(severity: string): number {
  const i = SEVERITIES.indexOf(severity.toLowerCase());
  return i < 0 ? SEVERITIES.length : i;
}

/**
 * Where a grouped finding is, as people and an UPDATE read it: `file:line, line` for one file; for
 * several, each place with who named it there (`a.ts:94 (qc); b.ts:120 (architect)`).
 */
export function placesText(g: Pick<GroupedFinding, 'places' | 'file' | 'lines'>, mark: (p: Place) => string = () => ''): string {
  const places = Array.isArray(g.places) && g.places.length ? g.places : [{ file: g.file, lines: g.lines, by: [] }];
  const one = (p: Place): string => `${p.file}${p.lines.length ? `:${p.lines.join(', ')}` : ''}${mark(p)}`;
  return places.length === 1 ? one(places[0] as Place) : places.map((p) => `${one(p)} (${p.by.join(', ')})`).join('; ');
}
