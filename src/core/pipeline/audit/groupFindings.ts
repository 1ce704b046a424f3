/**
 * The same issue found by several reviewers is one finding: the report shows one row naming every
 * reviewer who found it, and an UPDATE from the audit gets it once. Two findings of different
 * reviewers are the same issue when they name the same file and the same line, or a line at most
 * NEAR_LINES away (or both the whole file) with issues in the same words. Two findings of one reviewer
 * are never merged: it listed them apart. The journal keeps every finding as it was sent; this is a reading.
 */
import type { AuditFinding, Auditor, FindingCheck } from './findingTypes';

/** How far apart two lines may be and still point at one issue (when the words agree). */
export const NEAR_LINES = 5;

/** Share of the shorter issue's words the other must have, for nearby lines or whole-file findings. */
const SAME_WORDS = 0.3;

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
  /** Every line they named, ascending. */
  lines: number[];
  /** The first finder's words. */
  issue: string;
  fix: string;
  /** `no_file` when the file does not exist; `no_line` when a line named is past its end; else `ok`. */
  checked: FindingCheck;
  /** Each finding as recorded. */
  findings: AuditFinding[];
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
  if (a.file !== b.file) return false;
  if (a.line !== null && a.line === b.line) return true;
  const near = a.line === null || b.line === null ? a.line === b.line : Math.abs(a.line - b.line) <= NEAR_LINES;
  return near && wordShare(a.issue, b.issue) >= SAME_WORDS;
}

function toGroup(members: AuditFinding[]): GroupedFinding {
  const first = members[0] as AuditFinding;
  const severity = members.map((m) => m.severity).sort((x, y) => rank(x) - rank(y))[0] as string;
  const lines = [...new Set(members.flatMap((m) => (m.line === null ? [] : [m.line])))].sort((x, y) => x - y);
  const checked: FindingCheck = members.some((m) => m.checked === 'no_file') ? 'no_file' : members.some((m) => m.checked === 'no_line') ? 'no_line' : 'ok';
  return { by: first.by, foundBy: members.map((m) => m.by), severity, file: first.file, line: first.line, lines, issue: first.issue, fix: first.fix, checked, findings: members };
}

function rank(severity: string): number {
  const i = SEVERITIES.indexOf(severity.toLowerCase());
  return i < 0 ? SEVERITIES.length : i;
}

/** Words that carry no subject. */
const STOP = new Set('the and for that this with from are was were its not but can has have had any all one two when then than into onto out via per each every some only also just does did line file code should would could will may must more most less'.split(' '));

function words(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[a-z0-9_]+/g) ?? [])
      .filter((w) => w.length >= 3 && !STOP.has(w))
      .map((w) => w.replace(/(?:ing|ed|es|s)$/, '')),
  );
}

/** |A ∩ B| / min(|A|, |B|) over the issues' words. */
function wordShare(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / Math.min(x.size, y.size);
}
