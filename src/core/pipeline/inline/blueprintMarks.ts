/**
 * What blueprint.md shows inline in VS Code (CodeLens), read from the run's journal: each review
 * round's scores against the target, the gate's verdict, and each task's TDD state above its lines.
 * A small reader of the journal's notes; the dashboard's run-state projection reads the same notes.
 */
import type { Journalled } from '../journal/events';

export interface ReviewRoundMark {
  round: number;
  scores: Array<{ by: string; value: number; counted: boolean }>;
  /** The review target the run used; null for a journal older than the note's `target`. */
  target: number | null;
}

export interface TaskMark {
  task: string;
  /** How it ended (done, rolled_back, skipped, failed), or null while it is going or waiting. */
  end: string | null;
  /** Tests written (a RED run happened), RED seen (they failed first), GREEN seen, refactored: in the last attempt. */
  tests: boolean;
  red: boolean;
  green: boolean;
  refactored: boolean;
  /** The per-task gates of the last attempt: passed, failed, or not run yet. */
  gates: 'passed' | 'failed' | null;
  traps: number;
  /** The attempt the marks are of (1 for the first). */
  attempt: number;
}

export interface BlueprintMarks {
  rounds: ReviewRoundMark[];
  /** The gate's verdict in words ("ACCEPT by the twin"), or null before the gate. */
  gate: string | null;
  tasks: TaskMark[];
}

export function blueprintMarks(events: readonly Journalled[]): BlueprintMarks {
  const rounds: ReviewRoundMark[] = [];
  let gate: string | null = null;
  const tasks = new Map<string, TaskMark>();
  const task = (id: string): TaskMark => {
    let t = tasks.get(id);
    if (!t) tasks.set(id, (t = { task: id, end: null, tests: false, red: false, green: false, refactored: false, gates: null, traps: 0, attempt: 1 }));
    return t;
  };
  for (const e of events) {
    if (e.type !== 'note' || !isRecord(e.data)) continue;
    const d = e.data;
    if (e.topic === 'blueprint') for (const id of strings(d.tasks)) task(id);
    if (e.topic === 'review') rounds.push(roundOf(d, rounds.length + 1));
    if (e.topic === 'gate') gate = gateOf(d);
    const id = typeof d.task === 'string' ? d.task : e.task;
    if ((!e.topic.startsWith('task.') && e.topic !== 'trap') || id === undefined) continue;
    const t = task(id);
    const attempt = typeof d.attempt === 'number' ? d.attempt : t.attempt;
    if (attempt > t.attempt) Object.assign(t, { attempt, tests: false, red: false, green: false, refactored: false, gates: null });
    if (e.topic === 'task.red') Object.assign(t, { tests: true, red: t.red || d.ok === true });
    if (e.topic === 'task.green' && d.ok === true) t.green = true;
    if (e.topic === 'task.refactor' && d.ok === true) t.refactored = true;
    if (e.topic === 'task.gate') t.gates = d.passed === true && t.gates !== 'failed' ? 'passed' : 'failed';
    if (e.topic === 'trap') t.traps = typeof d.traps === 'number' ? d.traps : t.traps + 1;
    if (e.topic === 'task.end' && typeof d.state === 'string') t.end = d.state;
  }
  return { rounds, gate, tasks: [...tasks.values()] };
}

function roundOf(d: Record<string, unknown>, fallback: number): ReviewRoundMark {
  const notApplied = isRecord(d.blocksNotApplied) ? d.blocksNotApplied : {};
  const scores = Object.entries(isRecord(d.scores) ? d.scores : {})
    .filter((s): s is [string, number] => typeof s[1] === 'number')
    .map(([by, value]) => ({ by, value, counted: strings(notApplied[by]).length === 0 }));
  return { round: typeof d.round === 'number' ? d.round : fallback, scores, target: typeof d.target === 'number' ? d.target : null };
}

function gateOf(d: Record<string, unknown>): string {
  const answer = isRecord(d.answer) ? d.answer : d;
  const verdict = typeof answer.verdict === 'string' ? answer.verdict : 'answered';
  return `${verdict} by ${d.by === 'human' ? 'a person' : 'the twin'}`;
}

/** Whether a round's counted scores all reach the target (null: the target is not known). */
export function roundPassed(r: ReviewRoundMark, target: number | null = r.target): boolean | null {
  if (target === null) return null;
  return r.scores.length > 0 && r.scores.every((s) => s.counted && s.value >= target);
}

export function roundText(r: ReviewRoundMark, target: number | null = r.target): string {
  const scores = r.scores.map((s) => `${s.by} ${s.value}${s.counted ? '' : ' (not counted: its blocks did not apply)'}`).join(' · ');
  const passed = roundPassed(r, target);
  const verdict = passed === null ? '' : passed ? ' — reached' : ' — below';
  return `Review round ${r.round}: ${scores || 'no scores'}${target === null ? '' : ` (target ${target}${verdict})`}`;
}

export function taskText(t: TaskMark): string {
  const state = t.end ? t.end.replace('_', ' ') : t.gates ? 'gates' : t.refactored ? 'refactored' : t.green ? 'GREEN' : t.red ? 'RED' : t.tests ? 'tests written' : 'waiting';
  const steps = [`tests ${t.tests ? '✓' : '·'}`, `RED ${t.red ? '✓' : '·'}`, `GREEN ${t.green ? '✓' : '·'}`, `refactor ${t.refactored ? '✓' : '·'}`, `gates ${t.gates === 'passed' ? '✓' : t.gates === 'failed' ? '✗' : '·'}`];
  const traps = `${t.traps} TRAP${t.traps === 1 ? '' : 's'}`;
  return `${t.task}: ${state} — ${steps.join(' ')} · ${traps}${t.attempt > 1 ? ` · attempt ${t.attempt}` : ''}`;
}

/**
 * The 0-based line of each task in blueprint.md: the line naming its id inside the `tasks` list of the
 * dac block ("id": "T1"), where the task's lines begin. A task not found there has no line.
 */
export function taskLines(text: string): Map<string, number> {
  const lines = text.split(/\r?\n/);
  const out = new Map<string, number>();
  let inBlock = false;
  let inTasks = false;
  let depth = 0;
  lines.forEach((line, i) => {
    if (/^```dac\s*$/.test(line)) inBlock = true;
    else if (inBlock && /^```\s*$/.test(line)) inBlock = inTasks = false;
    if (!inBlock) return;
    if (!inTasks && /^\s*"tasks"\s*:\s*\[/.test(line)) {
      inTasks = true;
      depth = 0;
    }
    if (!inTasks) return;
    // One level inside the list is a task; deeper "id"s (a criterion's, say) are not.
    const id = /^\s*"id"\s*:\s*"([^"]+)"/.exec(line)?.[1];
    if (id !== undefined && depth === 2 && !out.has(id)) out.set(id, i);
    for (const c of line.replace(/"(?:[^"\\]|\\.)*"/g, '')) {
      if (c === '[' || c === '{') depth++;
      if (c === ']' || c === '}') depth--;
    }
    if (depth <= 0) inTasks = false;
  });
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
