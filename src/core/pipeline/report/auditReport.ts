/**
 * report.md of an AUDIT run, from the journal alone: the result, each reviewer's score, the findings
 * by severity with file:line (the same issue found by several reviewers in one row naming them all;
 * whether that file and line exist), the project's test run and its output, exactly which files each
 * reviewer read and which nobody read (and why), protocol violations, what was learned, and the cost.
 */
import { recordedFindingsOf, type AuditFinding } from '../audit/auditFindings';
import { groupFindings, placesText, type GroupedFinding } from '../audit/groupFindings';
import type { Journalled } from '../journal/events';
import { costSection } from './costs';
import { learningSection } from './finishSections';
import { fenced, firstLine, isRecord, num, records, table, text } from './md';
import { runNotes, type RunNote } from './runNotes';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

export function renderAuditReport(runId: string, events: readonly Journalled[]): string {
  const notes = runNotes(events);
  const start = events.find((e) => e.type === 'run');
  const ends = events.filter((e) => e.type === 'end');
  const end = ends[ends.length - 1];
  const stages = events.filter((e) => e.type === 'stage');
  const lastStage = stages[stages.length - 1];
  const resumes = events.filter((e) => e.type === 'resumed').length;

  const lines = [`# Factory audit ${runId}`, ''];
  if (start?.type === 'run') lines.push(`Folder audited: \`${start.dir}\``, '', 'An audit changes no project file: only this run folder under .factory/ was written.', '');
  lines.push('## Result', '');
  if (end?.type === 'end') {
    const label = end.state === 'shipped' ? 'audit done' : end.state === 'not_shipped' ? 'audit could not finish' : 'stopped';
    // The reason may open with the same words ("audit done: 3 findings …"): say them once.
    const opening = [`${label}: `, `the ${label}: `].find((o) => end.reason.startsWith(o)) ?? '';
    lines.push(`**${label}**: ${end.reason.slice(opening.length)}`);
  }
  else lines.push(`**running** (no end recorded yet${lastStage?.type === 'stage' ? `; last stage: ${lastStage.stage}` : ''})`);
  if (resumes > 0) lines.push('', `The audit was resumed ${resumes} time${resumes === 1 ? '' : 's'}; recorded steps were reused, not repeated.`);
  for (const c of notes.filter((n) => n.topic === 'crash')) lines.push('', `An engine error stopped a try of this run: ${firstLine(c.data.message, 300)}`);
  lines.push('');

  lines.push(...reconSection(notes), ...scoresSection(notes), ...findingsSection(recordedFindingsOf(events)), ...testsSection(notes), ...readSection(notes));
  const violations = notes.filter((n) => n.topic === 'protocol_violation');
  if (violations.length) {
    lines.push('## Protocol violations', '');
    for (const v of violations) lines.push(`- ${text(v.data.role)} at ${text(v.data.step)}: ${text(v.data.refusedBlocks)} SEARCH/REPLACE block(s)${pathsText(v.data.paths)}: ${firstLine(v.data.why, 300)}`);
    lines.push('');
  }
  lines.push(...learningSection(notes), ...costSection(events, notes));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function reconSection(notes: readonly RunNote[]): string[] {
  const r = notes.filter((n) => n.topic === 'recon').pop();
  if (!r) return [];
  if (r.data.error !== undefined) return ['## Recon', '', `Recon failed: ${firstLine(r.data.error, 400)}`, ''];
  const langs = isRecord(r.data.languages) ? Object.entries(r.data.languages).map(([l, n]) => `${l} ${text(n)}`).join(', ') : '';
  const entries = Array.isArray(r.data.entryPoints) ? r.data.entryPoints.map(text).join(', ') : '';
  return [
    '## Recon',
    '',
    `${text(r.data.files)} files (${langs || 'no language recognised'}), ${text(r.data.testFiles)} test files; entry points: ${entries || 'none found'}; test command: ${r.data.testCommand ? `\`${text(r.data.testCommand)}\`` : 'none found'}.`,
    `The map shown to the reviewers has the symbols of ${text(r.data.mapped)} files (${text(r.data.omitted)} left out of that detail for its budget, and shown only by folder: their number and languages, or their names where room allowed).`,
    '',
  ];
}

function scoresSection(notes: readonly RunNote[]): string[] {
  const reviews = new Map<string, RunNote>();
  for (const n of notes) if (n.topic === 'audit.review') reviews.set(text(n.data.by), n);
  if (reviews.size === 0) return [];
  const rows = ['ceo', 'qc', 'architect']
    .filter((by) => reviews.has(by))
    .map((by) => {
      const d = (reviews.get(by) as RunNote).data;
      const what = by === 'ceo' ? 'self-audit' : 'external QC';
      return d.score === null || d.score === undefined
        ? [by, what, 'not scored', '-', firstLine(d.error, 200)]
        : [by, what, text(d.score), text(d.findings), num(d.unplaced) ? `${text(d.unplaced)} finding(s) name a file or line that does not exist` : ''];
    });
  return ['## Scores', '', ...table(['reviewer', 'as', 'score', 'findings', 'note'], rows), ''];
}

function findingsSection(recorded: AuditFinding[] | undefined): string[] {
  if (recorded === undefined) return [];
  const lines = ['## Findings', ''];
  if (recorded.length === 0) return [...lines, 'No findings.', ''];
  const findings = groupFindings(recorded);
  lines.push(
    `${recorded.length} finding${recorded.length === 1 ? '' : 's'} from the reviewers, ${findings.length} after grouping (the same issue from several reviewers — at one line, nearby, or in other words at other places — is one row naming them all and every place). For each, the engine checked only that each named file and line exist, not that the finding is true.`,
    '',
  );
  const order = (s: string): number => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : SEVERITIES.length);
  const severities = [...new Set(findings.map((f) => f.severity))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  for (const s of severities) {
    const of = findings.filter((f) => f.severity === s);
    lines.push(`### ${s} (${of.length})`, '', ...table(['where', 'by', 'issue', 'fix'], of.map((f) => [where(f), f.foundBy.join(', '), f.issue, f.fix])), '');
  }
  const unplaced = findings.filter((f) => f.checked !== 'ok').length;
  if (unplaced) lines.push(`${unplaced} finding${unplaced === 1 ? '' : 's'} named a file or line that does not exist (marked NO SUCH FILE / NO SUCH LINE): do not trust them without a look.`, '');
  return lines;
}

function where(f: GroupedFinding): string {
  return placesText(f, (p) => {
    const here = f.findings.filter((m) => m.file === p.file);
    if (here.some((m) => m.checked === 'no_file')) return ' (NO SUCH FILE)';
    const past = here.filter((m) => m.checked === 'no_line' && m.line !== null).map((m) => m.line);
    return past.length ? ` (NO SUCH LINE${p.lines.length > 1 ? ` ${past.join(', ')}` : ''}: past the file's end)` : '';
  });
}

function testsSection(notes: readonly RunNote[]): string[] {
  const t = notes.filter((n) => n.topic === 'audit.tests').pop();
  if (!t) return [];
  const d = t.data;
  const lines = ["## The project's tests", ''];
  if (d.state !== 'ran') return [...lines, `${d.command ? `\`${text(d.command)}\` ` : ''}not run: ${firstLine(d.why, 400)}`, ''];
  const how = d.spawnError !== undefined ? `could not start: ${firstLine(d.spawnError, 300)}` : d.timedOut ? 'stopped at the time limit' : `exit ${text(d.exitCode)} (${d.exitCode === 0 ? 'they pass' : 'they fail'})`;
  lines.push(`\`${text(d.command)}\`, run by the engine (${text(d.consent)}) → ${how}, ${((num(d.durationMs) ?? 0) / 1000).toFixed(1)} s. Output digest:`, '', ...fenced(text(d.digest) || '(no output)', 4000), '');
  return lines;
}

function readSection(notes: readonly RunNote[]): string[] {
  const s = notes.filter((n) => n.topic === 'audit.sample').pop();
  if (!s) return [];
  const read = records(s.data.read);
  const notRead = records(s.data.notRead);
  const lines = ['## What was read', ''];
  const sizes = new Map(read.map((f) => [text(f.path), f]));
  const listed = (paths: string[]): string[] =>
    paths.map((p) => {
      const f = sizes.get(p);
      const cut = isRecord(f?.cut) ? f.cut : undefined;
      return `- ${p} (${cut ? `its first ${text(f?.lines)} of ${text(cut.lines)} lines: cut, the rest not read` : `${text(f?.lines)} lines`})`;
    });
  const totalLines = read.reduce((a, f) => a + (num(f.lines) ?? 0), 0);
  const cutCount = read.filter((f) => isRecord(f.cut)).length;
  const byRole = isRecord(s.data.byRole) ? s.data.byRole : undefined;
  if (Array.isArray(s.data.shared) && byRole) {
    const shared = s.data.shared.map(text);
    lines.push(
      `${cutCount ? 'Read' : 'Read whole'}: ${read.length} file${read.length === 1 ? '' : 's'}${cutCount ? ` (${cutCount} only in part: ${cutCount === 1 ? 'its' : 'their'} head, marked cut)` : ''}, ${totalLines} lines. Each reviewer's request held the shared files and its own, within ${text(s.data.budgetChars)} characters.`,
      '',
      `Shown to every reviewer (the README, the manifest, the entry points' source): ${shared.length} file${shared.length === 1 ? '' : 's'}.`,
      '',
      ...listed(shared),
      '',
    );
    const angle: Record<string, string> = { ceo: 'the central code: what does the most and is used the most', qc: 'tests and the code they test', architect: 'boundaries, configuration and security' };
    for (const by of ['ceo', 'qc', 'architect']) {
      const own = Array.isArray(byRole[by]) ? (byRole[by] as unknown[]).map(text) : [];
      lines.push(`Read by ${by} for its angle (${angle[by]}): ${own.length} file${own.length === 1 ? '' : 's'}.`, '');
      if (own.length) lines.push('<details>', `<summary>${by}: ${own.length}</summary>`, '', ...listed(own), '', '</details>', '');
    }
    const entries = records(s.data.entryPoints);
    if (entries.length) {
      lines.push('Entry points:', '');
      for (const e of entries) {
        const declared = text(e.declared);
        const source = typeof e.source === 'string' ? e.source : null;
        lines.push(`- ${declared}${source === declared ? '' : source ? ` → its source ${source} was read` : ': not read (not in the folder, or built output whose source was not found)'}`);
      }
      lines.push('');
    }
  } else {
    lines.push(
      `Read whole and shown to every reviewer: ${read.length} file${read.length === 1 ? '' : 's'}, ${totalLines} lines, within a budget of ${text(s.data.budgetChars)} characters (files ranked by the map: entry points, the most referred-to, other sources, tests, the rest).`,
      '',
    );
    if (read.length) lines.push(...read.map((f) => `- ${text(f.path)} (${text(f.lines)} lines)`), '');
  }
  const why: Record<string, string> = { budget: 'read by nobody: over the budget (seen in the map only, if it has symbols)', unreadable: 'not read: binary or not readable', missing: 'not read: gone since recon', lockfile: 'not read: a lockfile (generated; the manifest says what the project depends on)' };
  if (notRead.length === 0) lines.push('Every file recon found was read.', '');
  else {
    lines.push(`Not read by any reviewer: ${notRead.length} file${notRead.length === 1 ? '' : 's'}.`, '');
    for (const [k, words] of Object.entries(why)) {
      const of = notRead.filter((f) => f.why === k).map((f) => text(f.path));
      // A large folder leaves hundreds out: folded, so the report stays readable, yet every one is named.
      if (of.length) lines.push('<details>', `<summary>${words} (${of.length})</summary>`, '', ...of.map((p) => `- ${p}`), '', '</details>', '');
    }
  }
  return lines;
}

function pathsText(v: unknown): string {
  const paths = Array.isArray(v) ? v.map(text).filter((p) => p) : [];
  return paths.length ? ` for ${paths.join(', ')}` : '';
}
