/**
 * WAVES: tasks in waves by depends_on (protocol's taskWaves); a wave's tasks run side by side, up to
 * limits.parallelTasks at once (their files are disjoint); after each wave the whole `test` command.
 * A task whose dependency did not finish is skipped, naming it; the rest goes on.
 *
 * With a suite guard (UPDATE), a wave's tasks run one after another: the guard runs the project's
 * whole suite after each task's GREEN, and side by side it would see the other tasks' half-done work
 * and blame this task for it. The run after each wave is then judged against the baseline too.
 */
import pLimit from 'p-limit';
import { taskWaves, type Blueprint, type BlueprintTask } from '../../protocol';
import type { RunContext } from '../runContext';
import type { TaskOutcome, WavesOutcome } from './outcome';
import { commandNote, runRecorded, wholeTestCommand } from './evidence';
import { noteOnce } from './notes';
import { runTask } from './runTask';
import { settleAll } from './settleAll';
import type { SuiteGuard } from './suiteGuard';

export interface WavesOptions {
  /** UPDATE: the project's suite, checked against its baseline after each task's GREEN and refactor. */
  guard?: SuiteGuard;
}

export async function runWaves(ctx: RunContext, bp: Blueprint, doc: string, opts: WavesOptions = {}): Promise<WavesOutcome> {
  const waves = taskWaves(bp.tasks);
  // The schema refuses cycles, so this is a blueprint that bypassed it: a bug, said plainly.
  if (!waves.ok) throw new Error(`the blueprint's tasks depend on each other in a cycle (${waves.cycle.join(' → ')})`);
  const byId = new Map(bp.tasks.map((t) => [t.id, t]));
  const outcomes = new Map<string, TaskOutcome>();
  const { guard } = opts;
  const limit = pLimit(guard ? 1 : ctx.config.limits.parallelTasks);
  const whole = wholeTestCommand(bp);
  let testsPass = false;
  let reason: string | undefined;
  for (const t of bp.tasks) ctx.progress({ kind: 'task', task: t.id, state: 'waiting' });
  for (const [w, ids] of waves.waves.entries()) {
    ctx.progress({ kind: 'stage', stage: 'waves', detail: `wave ${w + 1} of ${waves.waves.length}: ${ids.join(', ')}` });
    const tasks = ids.map((id) => byId.get(id)).filter((t): t is BlueprintTask => t !== undefined);
    const ended = await settleAll(
      tasks.map((task) => {
        const blocked = task.depends_on.map((d) => outcomes.get(d)).find((o) => o !== undefined && o.state !== 'done');
        if (blocked) return Promise.resolve(skip(ctx, task, blocked));
        return limit(() => runTask(ctx, bp, doc, task, guard));
      }),
    );
    for (const o of ended) outcomes.set(o.id, o);
    if (!whole.ok) {
      reason = whole.why;
      continue;
    }
    const run = await runRecorded(ctx, `wave${w + 1}:test`, whole.argv);
    // Against a baseline, tests that already failed before the run do not fail the wave.
    const judged = guard?.check(run);
    testsPass = judged ? judged.ok : run.exitCode === 0 && !run.timedOut;
    noteOnce(ctx, 'wave.test', { id: `wave${w + 1}`, wave: w + 1, tasks: ids, command: commandNote(run), passed: testsPass, ...(judged && { alreadyFailing: judged.alreadyFailing, regressions: judged.ok ? [] : judged.regressions }) });
    reason = testsPass ? undefined : judged && !judged.ok ? `after wave ${w + 1}: ${judged.why}` : `the whole test command (${whole.argv.join(' ')}) failed after wave ${w + 1}`;
    ctx.progress({ kind: testsPass ? 'info' : 'warn', message: `wave ${w + 1}: ${whole.argv.join(' ')} ${testsPass ? (run.exitCode === 0 ? 'passed' : 'failed only where it failed before this run') : `failed (exit code ${run.exitCode ?? 'none'})`}` });
  }
  const result: WavesOutcome = { tasks: bp.tasks.map((t) => outcomes.get(t.id) ?? { id: t.id, state: 'skipped', traps: 0, reason: 'not run' }), testsPass };
  if (reason !== undefined) result.reason = reason;
  return result;
}

function skip(ctx: RunContext, task: BlueprintTask, blocked: TaskOutcome): TaskOutcome {
  const why = blocked.state === 'skipped' ? 'was skipped' : blocked.state === 'rolled_back' ? 'was given up and rolled back' : 'failed';
  const outcome: TaskOutcome = { id: task.id, state: 'skipped', traps: 0, reason: `it depends on ${blocked.id}, which ${why}` };
  noteOnce(ctx, 'task.end', { id: `end:${task.id}`, task: task.id, state: 'skipped', traps: 0, role: task.assignee ?? 'ceo', reason: outcome.reason });
  ctx.progress({ kind: 'task', task: task.id, state: 'skipped', detail: outcome.reason });
  return outcome;
}
