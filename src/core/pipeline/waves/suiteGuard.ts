/**
 * UPDATE's guard over a task (issue 9): the project's own test suite, run after the task's GREEN and
 * refactor runs and compared with how it ran before the first task. A test that passed then and
 * fails now is a TRAP; its failure output is the evidence the implementer gets back.
 */
import type { CommandRun } from '../../exec';
import { renderNamedPrompt } from '../../prompts/load';

export type GuardVerdict =
  | { ok: true; alreadyFailing: string[] }
  | { ok: false; why: string; regressions: string[]; alreadyFailing: string[]; evidence: string };

export interface SuiteGuard {
  /** The suite's command, as it ran for the baseline. */
  argv: readonly string[];
  /** How the suite ran before the first task ("6 tests, all passing"); null when it cannot tell a regression (it did not run, or failed as a whole). */
  baseline: string | null;
  check(run: CommandRun): GuardVerdict;
}

/**
 * What the implementer is told before it writes (prompts/task.suite.md): the project's suite runs
 * after its blocks too, so it need not learn that from a TRAP. '' when the guard can tell nothing.
 */
export function guardNotice(guard: SuiteGuard | undefined): string {
  if (guard === undefined || guard.baseline === null) return '';
  return renderNamedPrompt('task.suite', { command: guard.argv.join(' '), baseline: guard.baseline }).trim();
}

/** topic `task.suite`: the project's suite after a task's GREEN or refactor, compared with the baseline. */
export interface SuiteNote {
  id: string;
  task: string;
  attempt: number;
  phase: 'green' | 'refactor';
  ok: boolean;
  regressions: string[];
  alreadyFailing: string[];
}

/** What the implementer is told beside the failure output. */
export function guardWhy(v: Extract<GuardVerdict, { ok: false }>): string {
  const already = v.alreadyFailing.length ? ` Tests that already failed before this run are not counted against this task: ${v.alreadyFailing.join('; ')}.` : '';
  return `${v.why}. They are not this task's tests and must keep passing: change the code so they pass again.${already}`;
}
