/**
 * Each task with its evidence, from the waves' journal notes (src/core/pipeline/waves/notes.ts on
 * i8-waves): the engine's own RED, GREEN and REFACTOR runs (command, exit code, what the output
 * showed), the per-task gates, TRAPs, refused blocks, rollbacks and how the task ended; then the
 * whole test command after each wave. A task with no passing GREEN run says so plainly: claims
 * never count, only runs.
 */
import { commandText, fenced, firstLine, isRecord, num, records, strings, table, text } from './md';
import type { RunNote } from './runNotes';
import { suiteLine } from './updateSections';

const EVIDENCE: Record<string, string> = { 'task.red': 'RED', 'task.green': 'GREEN', 'task.refactor': 'REFACTOR' };

function taskOf(n: RunNote): string | undefined {
  return n.task ?? (typeof n.data.task === 'string' ? n.data.task : undefined);
}

const isTaskTopic = (topic: string): boolean => topic.startsWith('task.') || topic === 'trap' || topic === 'rollback' || topic === 'refused';

export function taskSections(notes: readonly RunNote[]): string[] {
  const planned = notes.filter((n) => n.topic === 'blueprint').flatMap((n) => strings(n.data.tasks));
  const byTask = new Map<string, RunNote[]>(planned.map((id) => [id, []]));
  for (const n of notes) {
    const id = taskOf(n);
    if (id === undefined || !isTaskTopic(n.topic)) continue;
    if (!byTask.has(id)) byTask.set(id, []);
    byTask.get(id)?.push(n);
  }
  const lines: string[] = [];
  if (byTask.size > 0) {
    lines.push('## Tasks', '');
    for (const [id, own] of byTask) lines.push(...taskLines(id, own));
  }
  const waves = notes.filter((n) => n.topic === 'wave.test');
  if (waves.length) {
    lines.push('## Whole test after each wave', '');
    lines.push(...table(['wave', 'tasks', 'command', 'result'], waves.map((w) => {
      const c = commandOf(w.data);
      return [w.data.wave, strings(w.data.tasks).join(', '), `\`${commandText(c.argv)}\``, `${w.data.passed ? 'passed' : 'FAILED'} (${exitText(c)})`];
    })), '');
  }
  const traps = notes.filter((n) => n.topic === 'trap');
  const rollbacks = notes.filter((n) => n.topic === 'rollback');
  if (byTask.size > 0 || traps.length || rollbacks.length) {
    lines.push('## Traps and rollbacks', '');
    if (traps.length === 0 && rollbacks.length === 0) lines.push('None.');
    for (const n of traps) lines.push(`- TRAP ${taskOf(n) ?? ''}${phaseText(n)}: ${trapWhy(n)}`);
    for (const n of rollbacks) lines.push(`- ROLLBACK ${taskOf(n) ?? ''}: ${rollbackText(n)}`);
    lines.push('');
  }
  return lines;
}

function taskLines(id: string, own: RunNote[]): string[] {
  const end = own.filter((n) => n.topic === 'task.end').pop();
  const lines = [`### ${id}${end ? `: ${text(end.data.state)}` : ''}`, ''];
  if (end) lines.push(`Built by ${text(end.data.role) || '?'}; ${text(end.data.traps) || 0} TRAP(s)${end.data.reason !== undefined ? `; ${firstLine(end.data.reason, 300)}` : ''}.`, '');
  const evidence = own.filter((n) => n.topic !== 'task.end');
  if (evidence.length === 0) return [...lines, 'No test run was recorded for this task.', ''];
  for (const n of evidence) lines.push(...noteLines(n));
  if (!own.some((n) => n.topic === 'task.green' && n.data.ok !== false && exitOf(commandOf(n.data)) === 0)) lines.push("- No passing GREEN run: the engine never saw this task's tests pass.");
  lines.push('');
  return lines;
}

/** The command of a note: nested under `command` (the waves' shape) or flat. */
function commandOf(d: Record<string, unknown>): Record<string, unknown> {
  return isRecord(d.command) ? d.command : d;
}

function exitOf(c: Record<string, unknown>): number | null | undefined {
  return c.exitCode === null ? null : num(c.exitCode);
}

function exitText(c: Record<string, unknown>): string {
  if (typeof c.spawnError === 'string') return `did not start: ${firstLine(c.spawnError, 160)}`;
  if (c.timedOut === true) return 'timed out';
  const exit = exitOf(c);
  return exit === undefined ? 'no exit code recorded' : exit === null ? 'no exit code' : `exit ${exit}`;
}

function phaseText(n: RunNote): string {
  const parts = [typeof n.data.phase === 'string' ? n.data.phase : undefined, n.data.attempt !== undefined ? `attempt ${text(n.data.attempt)}` : undefined].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function redText(red: unknown): string {
  if (!isRecord(red)) return typeof red === 'string' ? red : '';
  if (red.kind === 'tests_failed') return `${text(red.failed)} test(s) failed${red.passed !== undefined ? `, ${text(red.passed)} passed` : ''}`;
  if (red.kind === 'did_not_load') return `the tests did not load: ${firstLine(red.why, 160)}`;
  if (red.kind === 'no_tests') return 'no tests ran';
  return 'output not readable';
}

function noteLines(n: RunNote): string[] {
  const label = EVIDENCE[n.topic];
  if (label) {
    const c = commandOf(n.data);
    const judged = n.data.ok === false ? ' — **not accepted**' : '';
    const detail = n.topic === 'task.red' && n.data.red !== undefined ? `; ${redText(n.data.red)}` : n.data.unchanged ? '; nothing changed, the GREEN run stands' : '';
    const head = `- **${label}**${phaseText(n)}: \`${commandText(c.argv)}\` → ${exitText(c)}${detail}${judged}`;
    const evidence = typeof c.digest === 'string' ? c.digest : typeof c.output === 'string' ? c.output : '';
    return evidence.trim() ? [head, '', ...fenced(evidence, 2000).map((l) => `  ${l}`), ''] : [head];
  }
  if (n.topic === 'trap') {
    const found = records(n.data.findings).map((f) => `  - ${text(f.gate) ? `${text(f.gate)} ` : ''}[${text(f.severity)}] ${text(f.where) ? `${text(f.where)}: ` : ''}${firstLine(f.issue, 200)}`);
    const count = n.data.traps !== undefined ? ` (${text(n.data.traps)} of ${text(n.data.limit)})` : '';
    // A regression of the project's suite has no run of its own above: its failures are shown here.
    const c = isRecord(n.data.command) ? n.data.command : {};
    const failures = Array.isArray(n.data.regressions) && typeof c.digest === 'string' && c.digest.trim() ? ['', ...fenced(c.digest, 2000).map((l) => `  ${l}`), ''] : [];
    return [`- **TRAP**${phaseText(n)}${count}: ${trapWhy(n)}`, ...found, ...failures];
  }
  if (n.topic === 'rollback') return [`- **ROLLBACK**: ${rollbackText(n)}`];
  if (n.topic === 'task.suite') return [suiteLine(n.data)];
  if (n.topic === 'refused') return [`- ${n.data.status === 'failed' ? 'block not applied' : 'refused block'}${phaseText(n)}: ${text(n.data.path ?? n.data.file)} — ${firstLine(n.data.why ?? n.data.reason, 240)}`];
  if (n.topic === 'task.gate') {
    const findings = records(n.data.findings).map((f) => `  - [${text(f.severity)}] ${text(f.where) ? `${text(f.where)}: ` : ''}${firstLine(f.issue, 200)}`);
    return [`- gate ${text(n.data.gate)} by ${text(n.data.role)}${phaseText(n)}: score ${text(n.data.score) || '-'}, ${n.data.passed ? 'passed' : `**failed**${n.data.why !== undefined ? ` (${firstLine(n.data.why, 200)})` : ''}`}`, ...findings];
  }
  return [`- ${n.topic}${phaseText(n)}: ${firstLine(n.data.why ?? n.data.reason ?? n.data.state ?? n.data, 200)}`];
}

function trapWhy(n: RunNote): string {
  return firstLine(n.data.why ?? n.data.reason ?? n.data.kind ?? n.data, 300);
}

function rollbackText(n: RunNote): string {
  const restored = strings(n.data.restored).length ? strings(n.data.restored) : strings(n.data.files);
  const removed = strings(n.data.removed);
  const parts = [restored.length ? `restored ${restored.join(', ')} to their pre-task bytes` : "restored the task's files to their pre-task bytes"];
  if (removed.length) parts.push(`removed ${removed.join(', ')} (created by the task)`);
  const why = n.data.why ?? n.data.reason ?? (n.data.traps !== undefined ? `${text(n.data.traps)} TRAPs` : undefined);
  return `${parts.join('; ')}${why !== undefined ? ` (${firstLine(why, 200)})` : ''}`;
}
