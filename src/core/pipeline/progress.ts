/** What a person following a run sees (CLI lines or status block, the dashboard): derived, never evidence. */
import type { Stage } from './journal/events';

export type TaskState = 'waiting' | 'tests' | 'red' | 'implementation' | 'green' | 'refactor' | 'gates' | 'done' | 'trap' | 'rolled_back' | 'skipped';

export type ProgressEvent =
  | { kind: 'stage'; stage: Stage; detail?: string }
  | { kind: 'task'; task: string; state: TaskState; detail?: string }
  | { kind: 'call'; role: string; step: string; task?: string; phase: 'asked' | 'answered' | 'replayed'; detail?: string }
  | { kind: 'info'; message: string }
  | { kind: 'warn'; message: string };
