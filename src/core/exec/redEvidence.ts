/**
 * What a RED run shows. DAC.md: where the runner's output can be read, a RED must show tests that
 * ran and failed, not a test file that did not even load for a reason of its own. Claims are not
 * evidence; neither is an exit code alone when the output says more.
 */
import { onlyFileEntries, plainText, readCounts, readLoadFailure, type LoadCause } from './runnerOutput';

/**
 * Whether a test run's output shows tests that ran and failed (RED), as opposed to a file that did
 * not even load (syntax error, module not found) or no tests at all; `tests_passed` when tests ran
 * and none failed; `unknown` when the output cannot be read.
 */
export type RedEvidence =
  | { kind: 'tests_failed'; failed: number; passed?: number }
  | { kind: 'did_not_load'; why: string; cause?: Exclude<LoadCause, 'no_tests'>; module?: string }
  | { kind: 'no_tests' }
  | { kind: 'tests_passed'; passed: number }
  | { kind: 'unknown' };

export function readRed(output: string, exitCode: number | null): RedEvidence {
  // Killed or never started: the run did not finish, so its output proves nothing either way.
  if (exitCode === null) return { kind: 'unknown' };
  const text = plainText(output);
  const load = readLoadFailure(text);
  if (load?.cause === 'no_tests') return { kind: 'no_tests' };
  if (load) return { kind: 'did_not_load', why: load.why, cause: load.cause, ...(load.module ? { module: load.module } : {}) };
  const counts = readCounts(text);
  if (!counts) return { kind: 'unknown' };
  if (counts.failed > 0) return { kind: 'tests_failed', failed: counts.failed, passed: counts.passed };
  if (counts.total === 0 || (counts.passed === 0 && counts.total === undefined) || onlyFileEntries(text)) return { kind: 'no_tests' };
  return { kind: 'tests_passed', passed: counts.passed };
}
