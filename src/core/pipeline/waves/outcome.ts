/** How the waves ended, task by task (createRun and the report read it). */
export type TaskEnd = 'done' | 'rolled_back' | 'skipped' | 'failed';

export interface TaskOutcome {
  id: string;
  state: TaskEnd;
  /** Failed attempts (TRAPs) on the task. */
  traps: number;
  /** Why a task did not end `done`, for people. */
  reason?: string;
}

export interface WavesOutcome {
  tasks: TaskOutcome[];
  /** The whole `test` command passed after the last wave. */
  testsPass: boolean;
  reason?: string;
}
