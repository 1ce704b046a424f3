/** What a person following a run sees (CLI lines or status block, the dashboard): derived, never evidence. */
import type { Stage } from './journal/events';

export type TaskState = 'waiting' | 'tests' | 'red' | 'implementation' | 'green' | 'refactor' | 'gates' | 'done' | 'trap' | 'rolled_back' | 'skipped';

export type ProgressEvent =
  | { kind: 'stage'; stage: Stage; detail?: string }
  | { kind: 'task'; task: string; state: TaskState; detail?: string }
  | { kind: 'call'; role: string; step: string; task?: string; phase: 'asked' | 'answered' | 'replayed'; detail?: string }
  | { kind: 'info'; message: string }
  | { kind: 'warn'; message: string };

/** A task's state in words, for a person following the run (CLI lines, the VS Code log). */
export const TASK_STATE_WORDS: Record<TaskState, string> = {
  waiting: 'waiting',
  tests: 'writing tests',
  red: 'RED: the new tests fail, as they must before the code exists',
  implementation: 'writing the code',
  green: 'GREEN: the tests pass',
  refactor: 'refactoring',
  gates: 'gates (bug capture, schema, security)',
  done: 'done',
  trap: 'TRAP',
  rolled_back: 'rolled back to its files before the task',
  skipped: 'skipped',
};
