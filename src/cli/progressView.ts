/**
 * What a person sees while a run goes: a line per stage, per task step that matters (RED, GREEN,
 * TRAP, done) and per warning. On a terminal, the tasks' current TDD state and the calls being
 * waited on stay in a status block at the bottom, redrawn in place; elsewhere (a log, a pipe) only
 * plain lines are written, nothing is redrawn.
 */
import { TASK_STATE_WORDS as STATE_WORDS, type ProgressEvent, type TaskState } from '../core/pipeline/progress';

const SHORT_STATE: Record<TaskState, string> = {
  waiting: 'waiting',
  tests: 'tests…',
  red: 'RED',
  implementation: 'code…',
  green: 'GREEN',
  refactor: 'refactor…',
  gates: 'gates…',
  done: 'done',
  trap: 'TRAP',
  rolled_back: 'rolled back',
  skipped: 'skipped',
};

/** Task steps worth a line of their own even when the status block shows them. */
const MILESTONES: ReadonlySet<TaskState> = new Set(['red', 'green', 'trap', 'done', 'rolled_back', 'skipped']);

export interface ProgressViewOptions {
  /** Redraw a status block in place (a terminal). */
  live: boolean;
  /** Width of the terminal: block lines are cut to it, so each takes one row. */
  columns?: number;
}

export class ProgressView {
  private readonly tasks = new Map<string, { state: TaskState; detail?: string }>();
  private readonly calls = new Map<string, number>();
  private drawn = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly options: ProgressViewOptions,
  ) {}

  show(e: ProgressEvent): void {
    switch (e.kind) {
      case 'stage':
        this.line(`stage: ${e.stage.replace('_', ' ')}${e.detail ? ` (${e.detail})` : ''}`);
        break;
      case 'task': {
        this.tasks.set(e.task, { state: e.state, detail: e.detail });
        if (!this.options.live || MILESTONES.has(e.state)) this.line(`  ${e.task}: ${STATE_WORDS[e.state]}${e.detail ? ` — ${e.detail}` : ''}`);
        else this.redraw();
        break;
      }
      case 'call': {
        const label = `${e.role} ${e.step.replace('_', ' ')}${e.task ? ` ${e.task}` : ''}`;
        if (e.phase === 'asked') this.calls.set(label, (this.calls.get(label) ?? 0) + 1);
        if (e.phase === 'answered') this.forget(label);
        if (e.phase === 'replayed') this.line(`  ${label}: answer reused from the journal`);
        else if (!this.options.live && e.phase === 'asked') this.line(`  asking ${label}…`);
        else this.redraw();
        break;
      }
      case 'info':
        this.line(`  ${e.message}`);
        break;
      case 'warn':
        this.line(`  warning: ${e.message}`);
        break;
    }
  }

  /** A line above the status block (the block is drawn again under it). */
  line(text: string): void {
    this.erase();
    this.write(`${text}\n`);
    this.draw();
  }

  /** Removes the status block before the run's summary is printed. */
  close(): void {
    this.erase();
  }

  private forget(label: string): void {
    const n = (this.calls.get(label) ?? 0) - 1;
    if (n > 0) this.calls.set(label, n);
    else this.calls.delete(label);
  }

  private redraw(): void {
    this.erase();
    this.draw();
  }

  private erase(): void {
    if (this.drawn === 0) return;
    // To the start of the block's first row, then clear everything below.
    this.write(`\x1b[${this.drawn}F\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    if (!this.options.live) return;
    const rows: string[] = [];
    if (this.tasks.size) rows.push(`tasks: ${[...this.tasks].map(([id, t]) => `${id} ${SHORT_STATE[t.state]}`).join('  ')}`);
    if (this.calls.size) rows.push(`waiting on: ${[...this.calls.keys()].join(', ')}`);
    if (rows.length === 0) return;
    // A terminal that reports no size (0, e.g. under `script`) gets a usual width.
    const columns = this.options.columns !== undefined && this.options.columns >= 20 ? this.options.columns : 100;
    const width = columns - 1;
    this.write(`${rows.map((r) => (r.length > width ? `${r.slice(0, width - 1)}…` : r)).join('\n')}\n`);
    this.drawn = rows.length;
  }
}
