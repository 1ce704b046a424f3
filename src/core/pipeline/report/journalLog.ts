/**
 * The dashboard's run log, from the journal: a line per stage, model answer (its text folded under
 * the line), command (its output folded), patch, score, verdict, TRAP and rollback. Fed event by event
 * while a run goes, or with a whole journal on replay: the same events give the same lines.
 */
import type { LogEntry, LogLevel } from '../../log/entry';
import type { Journalled } from '../journal/events';
import { commandText, firstLine, isRecord, num, records, strings, text } from './md';

/** A folded body longer than this is cut (the journal keeps all of it). */
export const DETAIL_MAX = 20000;

const STAGE_WORDS: Record<string, string> = { code_qc: 'code QC' };

function clipDetail(s: string): string {
  return s.length > DETAIL_MAX ? `${s.slice(0, DETAIL_MAX)}\n[… ${s.length - DETAIL_MAX} more characters in the journal …]` : s;
}

function exitWords(r: Record<string, unknown>): string {
  if (typeof r.spawnError === 'string') return `did not start: ${firstLine(r.spawnError, 120)}`;
  if (r.timedOut === true) return 'timed out';
  const exit = r.exitCode === null ? null : num(r.exitCode);
  return exit === undefined ? 'ended' : exit === null ? `killed${typeof r.signal === 'string' ? ` (${r.signal})` : ''}` : `exit ${exit}`;
}

function seconds(ms: unknown): string {
  const n = num(ms);
  return n === undefined ? '' : ` in ${(n / 1000).toFixed(1)} s`;
}

export class JournalLog {
  private readonly starts = new Map<string, unknown>();

  /** The log lines one journal event adds (none for most bookkeeping). */
  lines(e: Journalled): LogEntry[] {
    const line = (level: LogLevel, source: string, message: string, detail?: string): LogEntry[] => [
      { time: e.at, level, source, message, ...(detail !== undefined && detail.trim() !== '' && { detail: clipDetail(detail) }) },
    ];
    switch (e.type) {
      case 'run':
        return line('info', 'run', `${e.mode.toUpperCase()} ${e.runId}: ${e.request}`);
      case 'resumed':
        return line('info', 'run', `resumed (attempt ${e.attempt}); finished steps are reused from the journal`);
      case 'stage':
        return line('info', 'stage', `${STAGE_WORDS[e.stage] ?? e.stage}${e.note ? ` — ${e.note}` : ''}`);
      case 'effect.start':
        this.starts.set(e.key, e.detail);
        if (e.kind === 'call' && isRecord(e.detail)) return line('debug', text(e.detail.role) || 'model', `asked: ${stepOf(e.detail.context)}`).map((l) => ({ ...l, call: e.key }));
        if (e.kind === 'answer') return line('warn', 'gate', 'waiting for your decision on the blueprint');
        return [];
      case 'effect.done':
        return this.done(e, line);
      case 'note':
        return noteLines(e, line);
      case 'end':
        return line(e.state === 'shipped' ? 'info' : 'warn', 'run', `${e.state === 'shipped' ? 'SHIPPED' : e.state === 'stopped' ? 'STOPPED' : 'NOT SHIPPED'}: ${e.reason}`);
    }
  }

  private done(e: Extract<Journalled, { type: 'effect.done' }>, line: (level: LogLevel, source: string, message: string, detail?: string) => LogEntry[]): LogEntry[] {
    const start = this.starts.get(e.key);
    const r = isRecord(e.result) ? e.result : {};
    switch (e.kind) {
      case 'call': {
        const who = isRecord(start) ? text(start.role) : '';
        const answer = text(r.text);
        const usage = isRecord(r.usage) ? ` · ${num(r.usage.input) ?? '?'}→${num(r.usage.output) ?? '?'} tokens` : '';
        return line('info', who || 'model', `${isRecord(start) ? stepOf(start.context) : e.key}: ${firstLine(prose(answer), 140) || 'answered'}${usage}`, answer);
      }
      case 'command': {
        const argv = r.argv ?? (isRecord(start) ? (start.argv ?? start.what) : undefined);
        // A RED run must fail: its non-zero exit is the expected evidence, not a warning.
        const expected = /^command:[^:]+:red:/.test(e.key);
        const failed = (r.exitCode !== 0 && !expected) || r.timedOut === true || typeof r.spawnError === 'string';
        return line(failed ? 'warn' : 'info', 'command', `$ ${commandText(argv) || text(argv)} → ${exitWords(r)}${seconds(r.durationMs)}`, text(r.output));
      }
      case 'patch': {
        const blocks = records(r.blocks);
        const bad = blocks.filter((b) => b.status !== 'applied');
        const changed = strings(r.changed);
        if (changed.length === 0 && bad.length === 0) return [];
        const what = changed.length ? `wrote ${changed.join(', ')}` : 'changed no file';
        const notApplied = bad.length ? `; ${bad.length} block${bad.length === 1 ? '' : 's'} not applied` : '';
        return line(bad.length ? 'warn' : 'info', 'patch', `${e.key.replace(/^patch:/, '')}: ${what}${notApplied}`);
      }
      case 'restore':
        return line('warn', 'patch', `${e.key}: files put back`);
      case 'answer':
        return line('info', 'gate', `your decision: ${isRecord(r) ? text(r.verdict) : text(r)}`);
      default:
        return [];
    }
  }
}

/** The whole log of a journal (a replay). */
export function journalLog(events: readonly Journalled[]): LogEntry[] {
  const log = new JournalLog();
  return events.flatMap((e) => log.lines(e));
}

/** "role=qc step=review task=T1" → "review T1". */
function stepOf(context: unknown): string {
  const c = text(context);
  const step = /step=(\S+)/.exec(c)?.[1];
  const task = /task=(\S+)/.exec(c)?.[1];
  return step ? `${step.replace('_', ' ')}${task && task !== '-' ? ` ${task}` : ''}` : 'answer';
}

/** An answer's first words worth a line: skips fences and DaC blocks. */
function prose(answer: string): string {
  return answer.replace(/```[\s\S]*?```/g, '').replace(/^[\s\S]*?\n<<<<<<< SEARCH[\s\S]*$/m, '');
}

function noteLines(e: Extract<Journalled, { type: 'note' }>, line: (level: LogLevel, source: string, message: string, detail?: string) => LogEntry[]): LogEntry[] {
  const d = isRecord(e.data) ? e.data : {};
  const task = e.task ?? (typeof d.task === 'string' ? d.task : '');
  switch (e.topic) {
    case 'sandbox':
      if (d.sandboxed === true) return line(typeof d.warning === 'string' ? 'warn' : 'info', 'sandbox', `commands run in a sandbox (${text(d.tool)})${typeof d.warning === 'string' ? `; ${d.warning}` : ''}`);
      if (d.mode === 'off') return line('info', 'sandbox', 'commands run without a sandbox (exec.sandbox is "off")');
      return line('warn', 'sandbox', text(d.refusal ?? d.warning));
    case 'review': {
      const scores = isRecord(d.scores) ? Object.entries(d.scores).map(([who, s]) => `${who} ${text(s)}`).join(', ') : '';
      return line('info', 'review', `round ${text(d.round)}: ${scores}${num(d.target) !== undefined ? ` (target ${text(d.target)})` : ''}`);
    }
    case 'gate': {
      const answer = isRecord(d.answer) ? d.answer : d;
      const why = [...strings(d.reasons), ...(typeof answer.reason === 'string' ? [answer.reason] : []), ...strings(answer.changes)].join('; ');
      return line(answer.verdict === 'ACCEPT' ? 'info' : 'warn', 'gate', `${text(d.by) || 'gate'}: ${text(answer.verdict)}${why ? ` — ${why}` : ''}`);
    }
    case 'task.red':
      return line(d.ok === false ? 'warn' : 'info', task, `RED ${d.ok === false ? 'not seen' : 'seen'}: the new tests fail before the code exists`);
    case 'task.green':
      return line(d.ok === false ? 'warn' : 'info', task, d.ok === false ? 'GREEN not reached: the tests still fail' : 'GREEN: the tests pass');
    case 'task.refactor':
      return line(d.ok === false ? 'warn' : 'info', task, d.ok === false ? 'refactor broke the tests' : d.unchanged ? 'refactor: nothing to change' : 'refactored; the tests still pass');
    case 'task.gate':
      return line(d.passed === true ? 'info' : 'warn', task, `gate ${text(d.gate).replace('_', ' ')} by ${text(d.role)}: ${text(d.score) || '-'}, ${d.passed === true ? 'passed' : `failed${d.why !== undefined ? ` (${firstLine(d.why, 160)})` : ''}`}`);
    case 'trap':
      return line('warn', task, `TRAP ${text(d.traps)} of ${text(d.limit)} (${text(d.phase)}, attempt ${text(d.attempt)}): ${firstLine(d.why, 200)}`, text(isRecord(d.command) ? d.command.digest : ''));
    case 'rollback':
      return line('warn', task, `rolled back: ${[...strings(d.restored), ...strings(d.removed)].join(', ') || "the task's files"} put back as before the task`);
    case 'task.end':
      return line(d.state === 'done' ? 'info' : 'warn', task, `${text(d.state).replace('_', ' ')}${d.reason !== undefined ? `: ${firstLine(d.reason, 200)}` : ''}`);
    case 'wave.test':
      return line(d.passed === true ? 'info' : 'warn', 'waves', `wave ${text(d.wave)}: the whole test command ${d.passed === true ? 'passed' : 'FAILED'}`);
    case 'code_qc':
    case 'verify':
      return line(d.passed === true ? 'info' : 'warn', e.topic === 'code_qc' ? 'code QC' : 'verify', `score ${text(d.score)} (target ${text(d.target)}): ${d.passed === true ? 'passed' : 'did not pass'}`);
    case 'failedAttempt':
      return line('warn', text(d.role) || 'model', `a failed attempt was charged: ${firstLine(d.message ?? d.kind, 160)}`);
    case 'crash':
      return line('error', 'run', `crashed: ${firstLine(d.message, 200)}`, text(d.message));
    case 'blueprint.invalid':
    case 'protocol_violation':
    case 'refused':
    case 'learning.failed':
    case 'learnings.failed':
      return line('warn', task || e.topic, `${e.topic.replace(/[._]/g, ' ')}: ${firstLine(d.why ?? d.reason ?? d.message ?? d, 200)}`);
    default:
      if (e.topic.startsWith('gateway.')) return line('warn', text(d.role) || 'model', `${e.topic.slice(8)}: ${firstLine(d.message ?? d.reason, 200)}`);
      return [];
  }
}
