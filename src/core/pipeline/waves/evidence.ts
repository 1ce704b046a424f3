/**
 * The engine's own runs of a task's tests (DAC.md, "task_result"): each is a durable step, so a
 * resumed run reuses a finished run's record and reruns one a kill or a cancel cut. RED must fail,
 * with tests that ran and failed where the output can be read; GREEN and REFACTOR must pass.
 */
import type { Blueprint, BlueprintTask } from '../../protocol';
import type { RunContext } from '../runContext';
import { expandFiles, failureDigest, readRed, splitCommand, type CommandRun, type RedEvidence } from '../../exec';
import type { CommandNote } from './notes';

/** Characters of output a model retry and the report get. */
const DIGEST_CHARS = 4000;

export type TestCommand = { ok: true; argv: string[] } | { ok: false; why: string };

/** The task's test command: `test_files` with its tests, or (without one) the whole `test`. */
export function taskTestCommand(bp: Blueprint, task: BlueprintTask): TestCommand {
  const line = bp.core.commands.test_files ?? bp.core.commands.test;
  if (line === null) return { ok: false, why: 'the blueprint has no test command (core.commands.test_files or test)' };
  const split = splitCommand(line);
  if (!split.ok) return { ok: false, why: `the test command ${JSON.stringify(line)} cannot be run: ${split.reason}` };
  return { ok: true, argv: bp.core.commands.test_files === null ? split.argv : expandFiles(split.argv, task.tests) };
}

/** The whole `test` command, run after each wave. */
export function wholeTestCommand(bp: Blueprint): TestCommand {
  const line = bp.core.commands.test;
  if (line === null) return { ok: false, why: 'the blueprint has no test command (core.commands.test)' };
  const split = splitCommand(line);
  return split.ok ? { ok: true, argv: split.argv } : { ok: false, why: `the test command ${JSON.stringify(line)} cannot be run: ${split.reason}` };
}

/** What running a recorded command needs of a run: an AUDIT's read-only context has all of it. */
export type CommandContext = Pick<RunContext, 'effects' | 'exec' | 'config' | 'signal'> & { readonly workspace: { readonly root: string } };

/**
 * Runs `argv` in the workspace as the durable step `command:<key>`. A run cut by cancel is not
 * recorded (it proves nothing): the abort goes up and a resumed run runs the command again.
 */
export async function runRecorded(ctx: CommandContext, key: string, argv: readonly string[]): Promise<CommandRun> {
  return ctx.effects.once(
    `command:${key}`,
    'command',
    async () => {
      const run = await ctx.exec.run({ argv, cwd: ctx.workspace.root, timeoutMs: ctx.config.limits.commandTimeoutS * 1000 }, ctx.signal);
      ctx.signal.throwIfAborted();
      if (run.cancelled) throw new Error(`the command ${argv.join(' ')} was cancelled`);
      return run;
    },
    { detail: { argv } },
  );
}

export function commandNote(run: CommandRun): CommandNote {
  const note: CommandNote = { argv: run.argv, exitCode: run.exitCode, durationMs: run.durationMs, timedOut: run.timedOut, digest: failureDigest(run.output, DIGEST_CHARS) };
  if (run.spawnError !== undefined) note.spawnError = run.spawnError;
  return note;
}

export type Judged = { ok: true } | { ok: false; why: string };

/** Why a run proves nothing either way (it did not run, or was stopped), or undefined. */
function notRun(run: CommandRun, limitS: number): string | undefined {
  if (run.spawnError !== undefined) return `the test command could not start: ${run.spawnError}`;
  if (run.timedOut) return `the test command was stopped after ${limitS} s (limits.commandTimeoutS); a test may hang or wait for input`;
  if (run.exitCode === null) return `the test command was killed${run.signal ? ` (${run.signal})` : ''}`;
  return undefined;
}

/** RED: the new tests ran and failed. */
export function judgeRed(run: CommandRun, limitS: number): Judged & { red: RedEvidence } {
  const red = readRed(run.output, run.exitCode);
  const broken = notRun(run, limitS);
  if (broken !== undefined) return { ok: false, why: broken, red };
  if (run.exitCode === 0) return { ok: false, why: 'the tests pass before the implementation exists: they test nothing new', red };
  if (red.kind === 'did_not_load') {
    const stub = red.cause === 'missing_module' || red.cause === 'missing_export' ? '; if the code under test does not exist yet, add a minimal stub of it in the task\'s files so the tests load and fail on their assertions' : '';
    return { ok: false, why: `the tests did not run, the test file did not load: ${red.why}${stub}`, red };
  }
  if (red.kind === 'no_tests') return { ok: false, why: 'the test command found no tests to run in the task\'s test files', red };
  if (red.kind === 'tests_passed') return { ok: false, why: `the tests ran and passed (${red.passed}); the command failed for another reason (exit code ${run.exitCode}), so no test failed`, red };
  return { ok: true, red };
}

/** GREEN and REFACTOR: the task's tests pass. */
export function judgeGreen(run: CommandRun, limitS: number, what: string): Judged {
  const broken = notRun(run, limitS);
  if (broken !== undefined) return { ok: false, why: broken };
  if (run.exitCode !== 0) return { ok: false, why: `the task's tests fail ${what} (exit code ${run.exitCode})` };
  return { ok: true };
}
