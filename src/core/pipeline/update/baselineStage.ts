/**
 * BASELINE: the project's own test suite (the blueprint's `core.commands.test`, which UPDATE holds
 * to the project's real test command) runs once before the first task, as a durable step. What it
 * shows, test by test where the output can be read, guards every task after it (waves/suiteGuard.ts).
 */
import type { Blueprint } from '../../protocol';
import type { RunContext } from '../runContext';
import { commandNote, runRecorded, wholeTestCommand } from '../waves/evidence';
import { noteOnce } from '../waves/notes';
import type { GuardVerdict, SuiteGuard } from '../waves/suiteGuard';
import { compareWithBaseline, failingInBaseline, readBaseline, type Baseline } from './baseline';

export type BaselineResult = { ok: true; guard: SuiteGuard; baseline: Baseline } | { ok: false; reason: string };

export async function baselineStage(ctx: RunContext, bp: Blueprint): Promise<BaselineResult> {
  ctx.progress({ kind: 'stage', stage: 'baseline' });
  const whole = wholeTestCommand(bp);
  if (!whole.ok) return { ok: false, reason: `the project's test suite cannot run, so there is no baseline to keep: ${whole.why}` };
  const run = await runRecorded(ctx, 'baseline', whole.argv);
  const baseline = readBaseline(run);
  const failing = failingInBaseline(baseline);
  const counted = baseline.tests ? Object.keys(baseline.tests).length : undefined;
  noteOnce(ctx, 'baseline', { id: 'baseline', command: commandNote(run), passed: baseline.passed, format: baseline.format, tests: counted ?? null, failing });
  const command = whole.argv.join(' ');
  if (run.spawnError !== undefined) ctx.progress({ kind: 'warn', message: `baseline: ${command} could not start (${run.spawnError}); no regression can be told from it` });
  else if (counted !== undefined) {
    ctx.progress({ kind: failing.length ? 'warn' : 'info', message: `baseline: ${command}: ${counted} tests, ${failing.length ? `${failing.length} already failing (not blamed on any task): ${failing.join('; ')}` : 'all passing'}` });
  } else ctx.progress({ kind: baseline.passed ? 'info' : 'warn', message: `baseline: ${command} ${baseline.passed ? 'passed' : `failed (exit code ${run.exitCode ?? 'none'}) before any change; its output cannot be read test by test, so no task is blamed for it`}` });
  const guard: SuiteGuard = {
    argv: whole.argv,
    baseline: baselineSummary(baseline, counted, failing),
    check: (later): GuardVerdict => {
      const c = compareWithBaseline(baseline, later);
      return c.ok ? { ok: true, alreadyFailing: c.alreadyFailing } : { ok: false, why: c.why, regressions: c.regressions.map((r) => r.id), alreadyFailing: c.alreadyFailing, evidence: c.evidence };
    },
  };
  return { ok: true, guard, baseline };
}

/** The baseline in a few words for the implementer's prompt; null when no later run can be blamed against it. */
function baselineSummary(baseline: Baseline, counted: number | undefined, failing: readonly string[]): string | null {
  if (counted === undefined) return baseline.passed ? 'it passed (its output is judged as a whole)' : null;
  const tests = `${counted} test${counted === 1 ? '' : 's'}`;
  return failing.length ? `${tests}, ${failing.length} of them already failing, which are not counted against this task` : `${tests}, all passing`;
}
