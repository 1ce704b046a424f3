/**
 * What an AUDIT request shows (prompts/audit.context.md), where a task's files go in a request: first
 * what is the same for every reviewer — what recon measured, the project's test run, the map, the
 * shared files (README, manifest, the entry points' source) — then the files read for this reviewer's
 * angle; files whole with numbered lines, read from disk when the request is built.
 */
import { basename } from 'node:path';
import type { Recon } from '../../codemap/recon';
import { renderNamedPrompt } from '../../prompts/load';
import type { ReadOnlyWorkspace } from './auditContext';
import type { TestsNote } from './projectTests';
import { AUDITORS, type Auditor } from './auditFindings';
import { filesText, shownTo, type AuditSample } from './sample';

export async function auditContextText(workspace: ReadOnlyWorkspace, recon: Recon, sample: AuditSample, tests: TestsNote, role: Auditor): Promise<string> {
  const shown = shownTo(sample, role);
  const languages = Object.entries(recon.languages)
    .sort((a, b) => b[1] - a[1])
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  return renderNamedPrompt('audit.context', {
    folder: basename(workspace.root) || workspace.root,
    fileCount: recon.files.length,
    languages: languages || 'none recognised',
    entryPoints: entryPointsText(sample, recon),
    testCommand: recon.testCommand === null ? 'none found' : `\`${recon.testCommand}\``,
    tests: testsText(tests),
    map: recon.map.trim() || '(empty)',
    sampleNote: sampleNote(sample, shown.shared.length),
    code: await filesText(workspace, shown.shared, sample.read),
    ownNote: ownNote(sample, role, shown.own),
    ownCode: await filesText(workspace, shown.own),
  });
}

export function testsText(tests: TestsNote): string {
  if (tests.state !== 'ran') return `Not run: ${tests.why}`;
  const how = tests.spawnError !== undefined ? `could not start: ${tests.spawnError}` : tests.timedOut ? 'stopped at the time limit' : `exit code ${tests.exitCode ?? 'none (killed)'}`;
  const ticks = tests.digest.includes('```') ? '````' : '```';
  return `\`${tests.command}\` → ${how}, after ${(tests.durationMs / 1000).toFixed(1)} s. The output (failures, messages and the summary):\n\n${ticks}\n${tests.digest.trim() || '(no output)'}\n${ticks}`;
}

/** The files a reviewer was shown, in order, each one shown only in part marked so: the list its step prompt names. */
export function shownList(sample: AuditSample, role: Auditor): string {
  const shown = shownTo(sample, role);
  const cut = new Map(sample.read.filter((f) => f.cut).map((f) => [f.path, f]));
  const named = [...shown.shared, ...shown.own].map((path) => {
    const f = cut.get(path);
    return f?.cut ? `${path} (cut: its first ${f.lines} of ${f.cut.lines} lines)` : path;
  });
  return named.join(', ') || 'none';
}

function sampleNote(sample: AuditSample, shared: number): string {
  const over = sample.notRead.filter((n) => n.why === 'budget').length;
  const cut = sample.read.filter((f) => f.cut).length;
  const head = `${shared} file${shared === 1 ? '' : 's'} read for every reviewer (the README, the manifest, the entry points' source${cut ? `; ${cut} too big to show whole, so only ${cut === 1 ? 'its' : 'their'} head, marked as cut` : ''}), then the files of your angle below, together within a budget of ${sample.budgetChars} characters`;
  return over > 0 ? `${head}; ${over} more read by no reviewer (over the budget): judge those from the map only.` : `${head}; every file of the project that could be read was read by one reviewer or another.`;
}

/** How many files this reviewer reads for its angle, and whether the others read them too (a small project: all read the same). */
function ownNote(sample: AuditSample, role: Auditor, own: readonly string[]): string {
  if (own.length === 0) return 'None beyond the files above.';
  const others = new Set(AUDITORS.filter((r) => r !== role).flatMap((r) => shownTo(sample, r).own));
  const alsoRead = own.filter((f) => others.has(f)).length;
  const head = `${own.length} more file${own.length === 1 ? '' : 's'} chosen for your angle`;
  if (alsoRead === own.length) return `${head}; the other reviewers read these too, each for their own angle.`;
  if (alsoRead === 0) return `${head}; the other reviewers read other files, so say what you see here.`;
  return `${head}; ${own.length - alsoRead} of them read by no other reviewer, so say what you see there.`;
}

/** Each entry point, and the source read for it when it is built output or not in the folder. */
function entryPointsText(sample: AuditSample, recon: Recon): string {
  const entries = Array.isArray(sample.entryPoints) ? sample.entryPoints : recon.entryPoints.map((declared) => ({ declared, source: declared }));
  if (entries.length === 0) return 'none found';
  return entries.map((e) => (e.source === e.declared ? e.declared : e.source ? `${e.declared} (built output; its source ${e.source} is read)` : `${e.declared} (not read: not in the folder, or built output whose source was not found)`)).join(', ');
}
