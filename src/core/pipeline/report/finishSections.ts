/**
 * Code QC (score, findings with file:line, dead code), verification (build, app, each probe with
 * what was sent, expected and observed, the twin's score) and what was learned, from the journal.
 */
import type { Journalled } from '../journal/events';
import { commandText, fenced, firstLine, isRecord, num, records, strings, table, text } from './md';
import type { RunNote } from './runNotes';

export function codeQcSection(notes: readonly RunNote[]): string[] {
  const qc = notes.filter((n) => n.topic === 'code_qc').pop();
  if (!qc) return [];
  const d = qc.data;
  const lines = ['## Code QC', ''];
  if (d.score === null || d.score === undefined) return [...lines, `Not scored: ${firstLine(d.error, 400)}`, ''];
  lines.push(`Score **${text(d.score)}** (target ${text(d.target)}): ${d.passed ? 'passed' : 'did not pass'}.`, '');
  const findings = records(d.findings);
  if (findings.length) {
    lines.push(...table(['where', 'severity', 'issue', 'fix'], findings.map((f) => [`${text(f.file)}${num(f.line) !== undefined ? `:${text(f.line)}` : ''}`, f.severity, f.issue, f.fix])), '');
  } else lines.push('No findings.', '');
  const dead = records(d.dead_code);
  if (dead.length) lines.push('Dead code:', ...dead.map((x) => `- ${text(x.file)}: \`${text(x.symbol)}\``), '');
  const listed = strings(d.listed);
  if (listed.length) lines.push(`Over the size budget, listed to QC but not shown: ${listed.join(', ')}.`, '');
  const missing = strings(d.missing);
  if (missing.length) lines.push(`Owned by a task but not on disk: ${missing.join(', ')}.`, '');
  return lines;
}

export function verifySection(events: readonly Journalled[], notes: readonly RunNote[]): string[] {
  const topics = notes.filter((n) => n.topic.startsWith('verify'));
  if (topics.length === 0) return [];
  const lines = ['## Verify', ''];
  const build = topics.filter((n) => n.topic === 'verify.build').pop();
  if (build) {
    lines.push(`Build: \`${commandText(build.data.argv)}\` → ${build.data.exitCode === 0 ? 'exit 0' : `exit ${text(build.data.exitCode)}${build.data.timedOut ? ' (timed out)' : ''}`}`);
    if (build.data.exitCode !== 0 && typeof build.data.output === 'string') lines.push('', ...fenced(build.data.output, 2000));
  }
  const start = topics.filter((n) => n.topic === 'verify.start').pop();
  if (start) {
    lines.push(
      start.data.ready
        ? `App: \`${commandText(start.data.argv)}\` ready${start.data.port !== undefined ? ` on 127.0.0.1:${text(start.data.port)}` : ''} after ${text(start.data.afterMs)} ms.`
        : `App: \`${commandText(start.data.argv)}\` did not become ready: ${firstLine(start.data.why, 300)}`,
    );
  }
  if (build || start) lines.push('');

  const plan = topics.filter((n) => n.topic === 'verify.plan').pop();
  const observed = probeResults(events);
  const refused = new Map(topics.filter((n) => n.topic === 'verify.refused').map((n) => [text(n.data.probe), n]));
  if (plan) {
    const rows = records(plan.data.probes).map((p) => {
      const id = text(p.id);
      const r = refused.get(id);
      const o = observed.get(id);
      return [id, p.what, p.expect, r ? `REFUSED: ${text(r.data.why)}` : o ? observedSummary(o) : 'not run'];
    });
    lines.push('Probes (run by the engine; observations are what it saw):', '', ...table(['probe', 'sent', 'expected', 'observed'], rows), '');
  }
  const violations = notes.filter((n) => n.topic === 'protocol_violation' && typeof n.data.step === 'string' && n.data.step.startsWith('verify'));
  for (const v of violations) lines.push(`- Protocol violation at ${text(v.data.step)}: the twin sent ${text(v.data.refusedBlocks)} SEARCH/REPLACE block(s); refused, nothing written.`);
  if (violations.length) lines.push('');

  const result = topics.filter((n) => n.topic === 'verify').pop();
  if (result) {
    const d = result.data;
    if (d.score === null || d.score === undefined) lines.push(`Not scored${d.failedAt ? ` (stopped at ${text(d.failedAt)})` : ''}: ${firstLine(d.why, 500)}`);
    else {
      lines.push(`Twin's score **${text(d.score)}** (target ${text(d.target)}): ${d.passed ? 'ships' : 'does not ship'}.`);
      for (const c of strings(d.crashes)) lines.push(`- CRASH seen by the engine: ${c}`);
      for (const b of records(d.broken)) lines.push(`- broken ${text(b.probe)}: ${firstLine(b.issue, 300)}`);
    }
  }
  const stop = topics.filter((n) => n.topic === 'verify.stop').pop();
  if (stop) lines.push(`The app was stopped (its process group, pid ${text(stop.data.pid)}).`);
  lines.push('');
  return lines;
}

export function learningSection(notes: readonly RunNote[]): string[] {
  const ok = notes.filter((n) => n.topic === 'learning').pop();
  const failed = notes.filter((n) => n.topic === 'learning.failed').pop();
  if (!ok && !failed) return [];
  if (ok) {
    const stored = isRecord(ok.data.stored) ? ok.data.stored : {};
    const counts = (['added', 'confirmed', 'changed', 'unchanged'] as const).filter((k) => strings(stored[k]).length).map((k) => `${strings(stored[k]).length} ${k === 'added' ? 'new' : k === 'unchanged' ? 'already known' : k === 'changed' ? 'changed choice' : 'confirmed again'}`);
    const kept = notes.filter((n) => n.topic === 'learning.dna_kept').flatMap((n) => records(n.data.kept));
    const keptLines = kept.map((k) => `The owner's DNA was kept: ${text(k.topic)} stays "${text(k.ownerChoice)}" (this run's learning proposed "${firstLine(k.choice, 200)}", which the owner did not decide).`);
    return ['## Learned', '', `Stored for the next runs: ${text(ok.data.dna)} owner decision(s), ${text(ok.data.traps)} trap(s), ${text(ok.data.rules)} rule(s)${counts.length ? ` (${counts.join(', ')})` : ''}.`, ...keptLines, ''];
  }
  return ['## Learned', '', `Nothing was stored: ${firstLine(failed?.data.why, 400)} (the run's result does not depend on it).`, ''];
}

/** Observations of probes, by probe id: the results of `command:verify:probe:<id>` steps. */
function probeResults(events: readonly Journalled[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const e of events) {
    if (e.type !== 'effect.done') continue;
    const m = /^command:verify:probe:(.+)$/.exec(e.key);
    if (m && isRecord(e.result)) out.set(m[1], e.result);
  }
  return out;
}

function observedSummary(o: Record<string, unknown>): string {
  const parts: string[] = [];
  if (o.durationMs === 0 && o.error !== undefined && o.exitCode === undefined && o.status === undefined) parts.push(`not run: ${firstLine(o.error, 200)}`);
  else if (o.kind === 'command') {
    if (o.spawnError) parts.push(`did not start: ${firstLine(o.spawnError)}`);
    else if (o.timedOut) parts.push('timed out');
    else parts.push(o.signal ? `killed by ${text(o.signal)}` : `exit ${text(o.exitCode)}`);
    if (o.output) parts.push(firstLine(o.output, 120));
  } else if (o.status === undefined) parts.push(`no response: ${firstLine(o.error, 200)}`);
  else parts.push(`HTTP ${text(o.status)}${o.body ? `: ${firstLine(o.body, 120)}` : ''}`);
  const app = isRecord(o.app) ? o.app : undefined;
  if (app?.running === false) parts.push(`**the app stopped (${app.signal ? `signal ${text(app.signal)}` : `exit code ${text(app.exitCode)}`})**`);
  return parts.join(' — ');
}
