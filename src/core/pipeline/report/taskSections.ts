/**
 * Each task with its evidence, from the waves' journal notes: the engine's own RED, GREEN and
 * REFACTOR runs (command, exit code, the failing output that matters), TRAPs, refused blocks and
 * rollbacks. A task with no GREEN run shows that plainly: claims never count, only runs.
 */
import { commandText, fenced, firstLine, isRecord, records, strings, text } from './md';
import type { RunNote } from './runNotes';

const EVIDENCE: Record<string, string> = { 'task.red': 'RED', 'task.green': 'GREEN', 'task.refactor': 'REFACTOR' };
const TASK_TOPICS = new Set(['task.red', 'task.green', 'task.refactor', 'trap', 'rollback', 'refused']);

function taskOf(n: RunNote): string | undefined {
  return n.task ?? (typeof n.data.task === 'string' ? n.data.task : undefined);
}

export function taskSections(notes: readonly RunNote[]): string[] {
  const planned = notes.filter((n) => n.topic === 'blueprint').flatMap((n) => strings(n.data.tasks));
  const byTask = new Map<string, RunNote[]>();
  for (const id of planned) byTask.set(id, []);
  for (const n of notes) {
    const id = taskOf(n);
    if (id === undefined || !(TASK_TOPICS.has(n.topic) || n.topic.startsWith('task.'))) continue;
    if (!byTask.has(id)) byTask.set(id, []);
    byTask.get(id)?.push(n);
  }
  if (byTask.size === 0) return [];
  const lines = ['## Tasks', ''];
  for (const [id, own] of byTask) {
    lines.push(`### ${id}`, '');
    if (own.length === 0) {
      lines.push('Not started: no test run was recorded for this task.', '');
      continue;
    }
    for (const n of own) lines.push(...noteLines(n));
    if (!own.some((n) => n.topic === 'task.green')) lines.push('- No GREEN run: the engine never saw this task\'s tests pass.');
    lines.push('');
  }
  const traps = notes.filter((n) => n.topic === 'trap');
  const rollbacks = notes.filter((n) => n.topic === 'rollback');
  lines.push('## Traps and rollbacks', '');
  if (traps.length === 0 && rollbacks.length === 0) lines.push('None.');
  for (const n of traps) lines.push(`- TRAP ${taskOf(n) ?? ''}${attemptText(n)}: ${firstLine(n.data.why ?? n.data.reason ?? n.data.kind ?? n.data, 300)}`);
  for (const n of rollbacks) lines.push(`- ROLLBACK ${taskOf(n) ?? ''}: ${rollbackText(n)}`);
  lines.push('');
  return lines;
}

function attemptText(n: RunNote): string {
  const parts = [typeof n.data.phase === 'string' ? n.data.phase : undefined, n.data.attempt !== undefined ? `attempt ${text(n.data.attempt)}` : undefined].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function noteLines(n: RunNote): string[] {
  const label = EVIDENCE[n.topic];
  if (label) {
    const exit = n.data.exitCode === null ? 'no exit code' : n.data.exitCode !== undefined ? `exit ${text(n.data.exitCode)}` : '';
    const head = `- **${label}**${attemptText(n)}: \`${commandText(n.data.argv)}\`${exit ? ` → ${exit}` : ''}${typeof n.data.red === 'string' ? ` (${n.data.red})` : ''}`;
    const evidence = typeof n.data.digest === 'string' ? n.data.digest : typeof n.data.output === 'string' ? n.data.output : '';
    return evidence.trim() ? [head, '', ...fenced(evidence, 2000).map((l) => `  ${l}`), ''] : [head];
  }
  if (n.topic === 'trap') return [`- **TRAP**${attemptText(n)}: ${firstLine(n.data.why ?? n.data.reason ?? n.data.kind ?? n.data, 300)}`];
  if (n.topic === 'rollback') return [`- **ROLLBACK**: ${rollbackText(n)}`];
  if (n.topic === 'refused') {
    const what = records(n.data.blocks);
    if (what.length) return what.map((b) => `- refused block${attemptText(n)}: ${text(b.path ?? b.file)} — ${firstLine(b.why ?? b.reason, 200)}`);
    return [`- refused${attemptText(n)}: ${text(n.data.path ?? n.data.file)} — ${firstLine(n.data.why ?? n.data.reason ?? n.data, 200)}`];
  }
  return [`- ${n.topic}${attemptText(n)}: ${firstLine(n.data.why ?? n.data.reason ?? n.data.state ?? n.data, 200)}`];
}

function rollbackText(n: RunNote): string {
  const files = strings(n.data.files).length ? strings(n.data.files) : records(n.data.files).map((f) => text(f.path));
  const why = n.data.why ?? n.data.reason;
  return `${files.length ? `restored ${files.join(', ')} to their pre-task bytes` : 'restored the task\'s files to their pre-task bytes'}${why !== undefined ? ` (${firstLine(why, 200)})` : ''}${isRecord(n.data) && n.data.skipped ? `; skipped: ${strings(n.data.skipped).join(', ')}` : ''}`;
}
