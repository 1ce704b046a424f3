/**
 * What the waves leave in the journal for people (report.md, the dashboard): one `note` per fact, with
 * the shapes below. A resumed run replays the stage from the top, so each note carries an `id` naming
 * its place in the run and is written once: a replayed step does not repeat its notes.
 */
import type { RunContext } from '../runContext';
import type { RedEvidence } from '../../exec';

/** A command the engine ran, as a report shows it. */
export interface CommandNote {
  argv: string[];
  exitCode: number | null;
  durationMs: number;
  timedOut: boolean;
  spawnError?: string;
  /** The output trimmed to what matters (failures, assertion messages, summary). */
  digest: string;
}

/** topic `task.red`: the task's tests run after the tests phase. `red` is what the output showed. */
export interface RedNote {
  id: string;
  task: string;
  attempt: number;
  command: CommandNote;
  red: RedEvidence;
  ok: boolean;
}

/** topics `task.green` and `task.refactor`: the task's tests run after the implementation / the refactor. */
export interface GreenNote {
  id: string;
  task: string;
  attempt: number;
  command: CommandNote;
  ok: boolean;
  /** refactor only: the refactor changed no file, so GREEN's run stands. */
  unchanged?: boolean;
}

/** A block the engine did not write: refused by the task's rules, or failed to apply. */
export interface BlockNote {
  phase: string;
  block: number;
  path: string;
  status: 'refused' | 'failed';
  why: string;
}

/** topic `refused`: one refused block. */
export interface RefusedNote extends BlockNote {
  id: string;
  task: string;
  attempt: number;
}

export interface GateFinding {
  gate: GateName;
  severity: string;
  where: string;
  issue: string;
  fix: string;
}

export type GateName = 'bug_capture' | 'schema' | 'security';

/** topic `task.gate`: one gate's review of the task's diff. */
export interface GateNote {
  id: string;
  task: string;
  attempt: number;
  gate: GateName;
  role: string;
  score: number | null;
  findings: GateFinding[];
  passed: boolean;
  why?: string;
}

/** Where an attempt failed: the phase whose check did not hold. */
export type TrapPhase = 'tests' | 'red' | 'implementation' | 'green' | 'refactor' | 'gates';

/** topic `trap`: a failed attempt and the evidence the next attempt is shown. */
export interface TrapNote {
  id: string;
  task: string;
  phase: TrapPhase;
  attempt: number;
  why: string;
  command?: CommandNote;
  refused: BlockNote[];
  findings: GateFinding[];
  /** UPDATE: the project's tests that passed before this run and failed in this attempt. */
  regressions?: string[];
  /** Traps on this task so far, this one included, and the limit that trips the breaker. */
  traps: number;
  limit: number;
}

/** topic `rollback`: the circuit breaker put the task's files back. */
export interface RollbackNote {
  id: string;
  task: string;
  restored: string[];
  removed: string[];
  traps: number;
}

/** topic `wave.test`: the whole `test` command after a wave. */
export interface WaveTestNote {
  id: string;
  wave: number;
  tasks: string[];
  command: CommandNote;
  passed: boolean;
  /** UPDATE: judged against the baseline; the project's tests that failed before the run, and those that broke since. */
  alreadyFailing?: string[];
  regressions?: string[];
}

/** topic `task.end`: how a task ended. */
export interface TaskEndNote {
  id: string;
  task: string;
  state: string;
  traps: number;
  role: string;
  reason?: string;
}

/** Appends the note unless the journal already holds one with this topic and id (a replayed step). */
export function noteOnce<T extends { id: string; task?: string }>(ctx: RunContext, topic: string, data: T): void {
  const seen = ctx.journal.all().some((e) => e.type === 'note' && e.topic === topic && (e.data as { id?: unknown } | null)?.id === data.id);
  if (!seen) ctx.journal.append({ type: 'note', topic, task: data.task, data });
}
