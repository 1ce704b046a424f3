/**
 * Which files an AUDIT reads, for a folder of any size. First the shared core, shown to every reviewer:
 * the README, the manifest and the source of the entry points (coreFiles), each at most a share of
 * the budget (a bigger one shows its head, marked cut); no lockfile is ever read. Then each reviewer gets
 * further files of its own by its angle (angles: ceo the central code, qc tests and the code they
 * test, architect boundaries, configuration and security), taken in turns so the three reviews
 * together cover more (see below). Every request stays within the same budget (core + own
 * files ≤ budgetChars), so an audit costs what it did with one shared sample. What was not read by
 * anyone is named with the reason, so the report can say exactly what the audit saw.
 */
import type { Recon } from '../../codemap/recon';
import { numberedFile } from '../finish/projectCode';
import { angleLists, isSource } from './angles';
import { logicOf, MAX_MEASURED_BYTES } from './behaviour';
import type { ReadOnlyWorkspace } from './auditContext';
import { AUDIT_MIN_FILE_CHARS, AUDIT_SHARED_FILE_PARTS } from './auditBudget';
import { AUDITORS, type Auditor } from './auditFindings';
import { entryPointSources, isLockfile, readmesAndManifests, type EntryPoint } from './coreFiles';
import { headOf, headWithin, type WholeSize } from './fileHead';

export type NotReadWhy = 'budget' | 'unreadable' | 'missing' | 'lockfile';

export interface ShownFile {
  path: string;
  /** Lines shown: all of the file's, or the head's when it was cut. */
  lines: number;
  chars: number;
  /** A shared file too big to show whole: only its first `lines` lines are shown; this is its whole size. */
  cut?: WholeSize;
}

export interface AuditSample {
  /** Every file read, by anyone: the shared ones first, then each reviewer's own, with their sizes shown. */
  read: ShownFile[];
  /** Read by every reviewer, in the order shown: README, manifest, the entry points' source. */
  shared: string[];
  /** Read by that reviewer only, after the shared files. */
  byRole: Record<Auditor, string[]>;
  /** Every other file of the recon, with why nobody read it. */
  notRead: Array<{ path: string; why: NotReadWhy }>;
  /** The entry points recon found, and the file read for each (null: not in the folder). */
  entryPoints: EntryPoint[];
  /** Characters of files one request may show (the shared ones and the reviewer's own together). */
  budgetChars: number;
}

/** Chooses the files to read within `budgetChars` per request, reading each candidate to measure it exactly. */
export async function chooseSample(workspace: ReadOnlyWorkspace, recon: Recon, budgetChars: number): Promise<AuditSample> {
  const sizes = new Map(recon.files.map((f) => [f.path, f.bytes]));
  const measured = new Map<string, ShownFile | NotReadWhy>();
  const measure = async (path: string): Promise<ShownFile | NotReadWhy> => {
    const known = measured.get(path);
    if (known !== undefined) return known;
    const got = await workspace.read(path);
    const m: ShownFile | NotReadWhy =
      got.kind === 'missing' ? 'missing' : got.kind === 'refused' || got.text.includes('\u0000') ? 'unreadable' : { path, ...sized(numberedFile(path, got.text)) };
    measured.set(path, m);
    return m;
  };
  // The recon's size is a floor of what a file takes shown: no need to read one that cannot fit.
  const mayFit = (path: string, left: number): boolean => left >= AUDIT_MIN_FILE_CHARS && (sizes.get(path) ?? 0) <= left;

  const entryPoints = entryPointSources(recon);
  const coreList = [...new Set([...readmesAndManifests(recon), ...entryPoints.flatMap((e) => (e.source ? [e.source] : []))])].filter((p) => !isLockfile(p));
  const shared: ShownFile[] = [];
  let sharedChars = 0;
  // Each shared file within its cap: a huge one shows its head (and says so), never all the room.
  const cap = Math.floor(budgetChars / AUDIT_SHARED_FILE_PARTS);
  for (const path of coreList) {
    const room = Math.min(cap, budgetChars - sharedChars);
    if (room < AUDIT_MIN_FILE_CHARS) continue;
    const got = await workspace.read(path);
    if (got.kind !== 'text' || got.text.includes('\u0000')) {
      measured.set(path, got.kind === 'missing' ? 'missing' : 'unreadable');
      continue;
    }
    const head = headWithin(path, got.text, room);
    if (head.lines === 0) continue;
    const m: ShownFile = { path, lines: head.lines, chars: head.body.length, ...(head.cut ? { cut: head.cut } : {}) };
    measured.set(path, m);
    shared.push(m);
    sharedChars += m.chars;
  }

  const taken = new Set(shared.map((f) => f.path));
  const { lists, pairs } = angleLists(recon, await logicOfSources(workspace, recon));
  const own: Record<Auditor, ShownFile[]> = { ceo: [], qc: [], architect: [] };
  const mine: Record<Auditor, Set<string>> = { ceo: new Set(), qc: new Set(), architect: new Set() };
  const left: Record<Auditor, number> = { ceo: budgetChars - sharedChars, qc: budgetChars - sharedChars, architect: budgetChars - sharedChars };
  const fits = async (role: Auditor, path: string, mayShare: boolean): Promise<ShownFile | undefined> => {
    if (isLockfile(path) || mine[role].has(path) || (taken.has(path) && !mayShare) || !mayFit(path, left[role])) return undefined;
    const m = await measure(path);
    return typeof m === 'string' || m.chars > left[role] ? undefined : m;
  };
  const add = (role: Auditor, m: ShownFile): void => {
    own[role].push(m);
    mine[role].add(m.path);
    left[role] -= m.chars;
    taken.add(m.path);
  };
  const take = async (role: Auditor, path: string, mayShare: boolean): Promise<boolean> => {
    const m = await fits(role, path, mayShare);
    if (!m) return false;
    const partner = pairs[role].get(path);
    if (partner !== undefined && !mine[role].has(partner) && !shared.some((f) => f.path === partner)) {
      // A test and the code it tests come together or not at all.
      left[role] -= m.chars;
      const p = await fits(role, partner, true);
      left[role] += m.chars;
      if (!p) return false;
      add(role, m);
      add(role, p);
      return true;
    }
    add(role, m);
    return true;
  };
  // First in turns, one file each, a file to one reviewer only (bar the code qc's tests test, read
  // with them — only with them: alone it would repeat another's read and leave qc's room unused for
  // tests): no angle takes all the central files two of them would want, and together they cover
  // the most. Then each fills the room it has left from its own list, so in a small project every
  // reviewer sees everything.
  const cursor: Record<Auditor, number> = { ceo: 0, qc: 0, architect: 0 };
  for (let active = [...AUDITORS]; active.length > 0; ) {
    for (const role of active) {
      const list = lists[role];
      while (cursor[role] < list.length && !(await take(role, list[cursor[role]] as string, false))) cursor[role]++;
      cursor[role]++;
    }
    active = active.filter((r) => cursor[r] < lists[r].length && left[r] >= AUDIT_MIN_FILE_CHARS);
  }
  for (const role of AUDITORS) for (const path of lists[role]) if (left[role] >= AUDIT_MIN_FILE_CHARS && !shared.some((f) => f.path === path)) await take(role, path, true);

  const read = [...shared, ...uniqueFiles(AUDITORS.flatMap((r) => own[r]))];
  const notRead = recon.files
    .filter((f) => !taken.has(f.path))
    .map((f) => {
      const m = measured.get(f.path);
      return { path: f.path, why: isLockfile(f.path) ? ('lockfile' as NotReadWhy) : typeof m === 'string' ? m : ('budget' as NotReadWhy) };
    });
  return {
    read,
    shared: shared.map((f) => f.path),
    byRole: { ceo: own.ceo.map((f) => f.path), qc: own.qc.map((f) => f.path), architect: own.architect.map((f) => f.path) },
    notRead,
    entryPoints,
    budgetChars,
  };
}

/** How much each source file does (behaviour.ts), read now: the angles rank code by it. */
async function logicOfSources(workspace: ReadOnlyWorkspace, recon: Recon): Promise<Map<string, number>> {
  const logic = new Map<string, number>();
  for (const f of recon.files) {
    if (!isSource(f) || f.bytes > MAX_MEASURED_BYTES) continue;
    const got = await workspace.read(f.path);
    if (got.kind === 'text') logic.set(f.path, logicOf(f.language, got.text));
  }
  return logic;
}

function uniqueFiles(files: ShownFile[]): ShownFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.path) && seen.add(f.path));
}

function sized(n: { body: string; lines: number }): { lines: number; chars: number } {
  return { lines: n.lines, chars: n.body.length };
}

/**
 * The files one reviewer is shown, in order: the shared ones, then its own. A sample recorded before
 * reviewers had their own files (an audit resumed across an upgrade) is shared whole.
 */
export function shownTo(sample: AuditSample, role: Auditor): { shared: string[]; own: string[] } {
  if (!Array.isArray(sample.shared) || !sample.byRole) return { shared: sample.read.map((f) => f.path), own: [] };
  return { shared: sample.shared, own: sample.byRole[role] ?? [] };
}

/**
 * The given files as a request shows them, read from disk now (never from an earlier copy); a file
 * the sample cut (`read` says which) shows the same head it was measured with, and says it was cut.
 */
export async function filesText(workspace: ReadOnlyWorkspace, paths: readonly string[], read: readonly ShownFile[] = []): Promise<string> {
  const cut = new Map(read.filter((f) => f.cut).map((f) => [f.path, f.lines]));
  const parts: string[] = [];
  for (const path of paths) {
    const got = await workspace.read(path);
    const head = cut.get(path);
    parts.push(
      got.kind !== 'text' ? `## ${path}\n\n(no longer readable: ${got.kind === 'refused' ? got.reason : 'the file is gone'})\n` : head !== undefined ? headOf(path, got.text, head) : numberedFile(path, got.text).body,
    );
  }
  return parts.join('\n');
}
