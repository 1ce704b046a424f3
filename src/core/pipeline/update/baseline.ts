/**
 * The baseline of an UPDATE: the project's own test suite as it ran before the first task, test by
 * test where the runner's output can be read (src/core/exec/testResults.ts), as a whole otherwise.
 * A later run of the same suite is compared with it: a test that passed then and fails now (or no
 * longer runs, in a run that failed) is a regression; one that already failed is not blamed.
 */
import { failureDigest, type CommandRun } from '../../exec';
import { readTestResults, type TestFormat, type TestStatus } from '../../exec/testResults';

export interface Baseline {
  argv: string[];
  exitCode: number | null;
  /** The suite passed as a whole. */
  passed: boolean;
  /** Each test's status, where the output could be read test by test; null: judged as a whole. */
  tests: Record<string, TestStatus> | null;
  format: TestFormat | null;
}

export interface Regression {
  id: string;
  /** The test's own failure output, or why it did not run. */
  failure: string;
}

export type Compared =
  | { ok: true; alreadyFailing: string[]; asWhole: boolean }
  | { ok: false; why: string; regressions: Regression[]; alreadyFailing: string[]; asWhole: boolean; evidence: string };

/** Characters of a whole-run digest shown when the output cannot be read test by test. */
const DIGEST_CHARS = 4000;

function finished(run: CommandRun): boolean {
  return run.spawnError === undefined && !run.timedOut && run.exitCode !== null;
}

export function readBaseline(run: CommandRun): Baseline {
  const results = finished(run) ? readTestResults(run.output) : undefined;
  return {
    argv: run.argv,
    exitCode: run.exitCode,
    passed: finished(run) && run.exitCode === 0,
    tests: results ? Object.fromEntries(results.tests.map((t) => [t.id, t.status])) : null,
    format: results?.format ?? null,
  };
}

/** The tests that failed in the baseline: they are not blamed on any task. */
export function failingInBaseline(base: Baseline): string[] {
  return base.tests ? Object.entries(base.tests).filter(([, s]) => s === 'failed').map(([id]) => id) : [];
}

export function compareWithBaseline(base: Baseline, run: CommandRun): Compared {
  const command = run.argv.join(' ');
  if (!finished(run)) {
    const how = run.spawnError ?? (run.timedOut ? 'it was stopped at the time limit (a test may hang now)' : `it was killed${run.signal ? ` (${run.signal})` : ''}`);
    if (base.exitCode === null) return { ok: true, alreadyFailing: [], asWhole: true };
    return whole(`the project's test suite (${command}) did not finish: ${how}; before this run it finished`, run);
  }
  const now = readTestResults(run.output);
  if (base.tests === null || now === undefined) {
    if (!base.passed || run.exitCode === 0) return { ok: true, alreadyFailing: [], asWhole: true };
    return whole(`the project's test suite (${command}) passed before this run and fails now (exit code ${run.exitCode}); its output cannot be read test by test, so the whole run is shown`, run);
  }
  const byId = new Map(now.tests.map((t) => [t.id, t]));
  const regressions: Regression[] = [];
  const alreadyFailing: string[] = [];
  for (const [id, before] of Object.entries(base.tests)) {
    const after = byId.get(id);
    if (before === 'failed' && after?.status === 'failed') alreadyFailing.push(id);
    if (before !== 'passed') continue;
    if (after?.status === 'failed') regressions.push({ id, failure: after.failure ?? '(the runner printed nothing more about it)' });
    // A test that no longer shows up in a failing run most likely did not load (its file broke).
    else if (after === undefined && run.exitCode !== 0) regressions.push({ id, failure: 'it did not run at all this time (its file may no longer load); see the failures below' });
  }
  if (regressions.length === 0) return { ok: true, alreadyFailing, asWhole: false };
  const unexplained = regressions.some((r) => !byId.has(r.id));
  // Failures of tests the baseline did not know: where a file that stopped loading shows its error.
  const strangers = unexplained ? now.tests.filter((t) => t.status === 'failed' && !(t.id in (base.tests ?? {}))) : [];
  const parts = [...regressions, ...strangers.map((t) => ({ id: t.id, failure: t.failure ?? '' }))].map((r) => `${r.id}\n${r.failure}`);
  const names = regressions.map((r) => r.id);
  return {
    ok: false,
    why: `${names.length} test${names.length === 1 ? '' : 's'} of the project that passed before this run ${names.length === 1 ? 'fails' : 'fail'} now (${command}): ${names.join('; ')}`,
    regressions,
    alreadyFailing,
    asWhole: false,
    evidence: parts.join('\n\n'),
  };
}

function whole(why: string, run: CommandRun): Compared {
  return { ok: false, why, regressions: [], alreadyFailing: [], asWhole: true, evidence: failureDigest(run.output, DIGEST_CHARS) };
}
