/**
 * What blueprint.md shows inline in VS Code (CodeLens): each review round's scores against the
 * target, the gate's verdict, and each task's TDD state above its lines. Read from the same
 * projection of the journal as the dashboard (projectRun), so the two cannot disagree.
 */
import type { Journalled } from '../journal/events';
import { projectRun } from '../report/projectRun';

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
  const picture = projectRun(events, { live: false });
  if (!picture) return { rounds: [], gate: null, tasks: [] };
  const { review, gate } = picture;
  return {
    rounds: review.rounds.map((r) => ({ round: r.round, scores: r.scores.map((s) => ({ by: s.reviewer, value: s.score, counted: s.counted })), target: review.target })),
    gate: gate?.verdict ? `${gate.verdict} by ${gate.by === 'human' ? 'a person' : 'the twin'}` : null,
    tasks: picture.tasks.map((t) => ({
      task: t.id,
      end: t.status === 'waiting' || t.status === 'working' ? null : t.status,
      tests: t.testsWritten,
      red: t.redSeen,
      green: t.greenSeen,
      refactored: t.refactored,
      gates: t.gates === 'waiting' ? null : t.gates,
      traps: t.traps,
      attempt: t.attempt,
    })),
  };
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
