/**
 * One task, test-first (DESIGN.md, "The pipeline", 4): tests → RED → implementation → GREEN →
 * refactor → still GREEN → gates. Any failure is a TRAP; the next attempt starts again at the tests
 * if RED was never seen, else at the implementation with the tests frozen, and is shown the files
 * as they are now plus the evidence (fix forward). limits.trapsPerTask TRAPs trip the breaker.
 * Every step is durable and keyed by task, phase and attempt, so a replay asks and applies nothing twice.
 */
import type { Role } from '../../config/roles';
import type { Blueprint, BlueprintTask } from '../../protocol';
import type { RunContext } from '../runContext';
import type { TaskOutcome } from './outcome';
import { rollback, snapshotTask, tripped, type TaskSnapshot } from './breaker';
import { commandNote, judgeGreen, judgeRed, runRecorded, taskTestCommand } from './evidence';
import { runGates } from './gates';
import { noteOnce, type BlockNote, type TrapNote, type TrapPhase } from './notes';
import { phaseKey, runPhase } from './tddPhase';
import { regressionFiles, retryText } from './taskRequest';
import { guardNotice, guardWhy, type SuiteGuard, type SuiteNote } from './suiteGuard';

interface Attempt {
  ctx: RunContext;
  bp: Blueprint;
  doc: string;
  task: BlueprintTask;
  role: Role;
  n: number;
  retry: string;
  before: TaskSnapshot;
  /** UPDATE: the project's suite, checked against its baseline after GREEN and the refactor. */
  guard: SuiteGuard | undefined;
}

/** How one attempt ended: through the gates, or a trap (and whether RED was seen in it). */
type AttemptEnd = { ok: true } | { ok: false; trap: Omit<TrapNote, 'id' | 'traps' | 'limit'>; redSeen: boolean };

export function builderOf(task: BlueprintTask): Role {
  return task.assignee === 'junior' ? 'junior' : 'ceo';
}

export async function runTask(ctx: RunContext, bp: Blueprint, doc: string, task: BlueprintTask, guard?: SuiteGuard): Promise<TaskOutcome> {
  const role = builderOf(task);
  const limit = ctx.config.limits.trapsPerTask;
  const command = taskTestCommand(bp, task);
  if (!command.ok) return end(ctx, task, role, { id: task.id, state: 'failed', traps: 0, reason: command.why });
  const before = await snapshotTask(ctx, task);
  let redSeen = false;
  let last: TrapNote | undefined;
  for (let n = 1; ; n++) {
    const retry = retryText(last, limit, await regressionFiles(ctx.workspace, task, last));
    const attempt: Attempt = { ctx, bp, doc, task, role, n, retry, before, guard };
    const result = await runAttempt(attempt, command.argv, redSeen);
    if (result.ok) return end(ctx, task, role, { id: task.id, state: 'done', traps: n - 1 });
    redSeen = result.redSeen;
    last = { ...result.trap, id: `trap:${task.id}:a${n}`, traps: n, limit };
    noteOnce(ctx, 'trap', last);
    ctx.progress({ kind: 'task', task: task.id, state: 'trap', detail: `${last.phase}: ${last.why}` });
    if (tripped(n, ctx)) {
      const back = await rollback(ctx, task, before, n);
      ctx.progress({ kind: 'task', task: task.id, state: 'rolled_back', detail: `${back.restored.length} restored, ${back.removed.length} removed` });
      return end(ctx, task, role, { id: task.id, state: 'rolled_back', traps: n, reason: `${n} failed attempt${n === 1 ? '' : 's'}; the last at ${last.phase}: ${last.why}` });
    }
  }
}

async function runAttempt(a: Attempt, argv: readonly string[], redSeenBefore: boolean): Promise<AttemptEnd> {
  const { ctx, task, n } = a;
  const limitS = ctx.config.limits.commandTimeoutS;
  const blocks: BlockNote[] = [];
  const trap = (phase: TrapPhase, why: string, redSeen: boolean, extra: Partial<TrapNote> = {}): AttemptEnd => ({
    ok: false,
    redSeen,
    trap: { task: task.id, phase, attempt: n, why, refused: blocks, findings: [], ...extra },
  });
  const phase = async (name: 'tests' | 'implementation' | 'refactor'): Promise<{ ok: true; changed: string[] } | { ok: false; why: string }> => {
    ctx.progress({ kind: 'task', task: task.id, state: name });
    const suite = name === 'tests' ? '' : guardNotice(a.guard);
    const r = await runPhase(ctx, { bp: a.bp, doc: a.doc, task, phase: name, attempt: n, role: a.role, retry: name === 'refactor' ? '' : a.retry, suite });
    blocks.push(...r.blocks);
    return r;
  };
  /** The project's suite after `phase`, against its baseline: a test that passed before and fails now is a trap. */
  const suite = async (name: 'green' | 'refactor'): Promise<AttemptEnd | undefined> => {
    if (a.guard === undefined) return undefined;
    const run = await runRecorded(ctx, phaseKey(task.id, `${name}.suite`, n), a.guard.argv);
    const v = a.guard.check(run);
    const note: SuiteNote = { id: `suite:${name}:${task.id}:a${n}`, task: task.id, attempt: n, phase: name, ok: v.ok, regressions: v.ok ? [] : v.regressions, alreadyFailing: v.alreadyFailing };
    noteOnce(ctx, 'task.suite', note);
    if (v.ok) return undefined;
    return trap(name, guardWhy(v), true, { command: { ...commandNote(run), digest: v.evidence }, regressions: v.regressions });
  };

  if (!redSeenBefore) {
    const tests = await phase('tests');
    if (!tests.ok) return trap('tests', tests.why, false);
    const run = await runRecorded(ctx, phaseKey(task.id, 'red', n), argv);
    const red = judgeRed(run, limitS);
    noteOnce(ctx, 'task.red', { id: `red:${task.id}:a${n}`, task: task.id, attempt: n, command: commandNote(run), red: red.red, ok: red.ok });
    if (!red.ok) return trap('red', red.why, false, { command: commandNote(run) });
    ctx.progress({ kind: 'task', task: task.id, state: 'red', detail: red.red.kind === 'tests_failed' ? `${red.red.failed} failing` : undefined });
  }

  const impl = await phase('implementation');
  if (!impl.ok) return trap('implementation', impl.why, true);
  const green = await runRecorded(ctx, phaseKey(task.id, 'green', n), argv);
  const judged = judgeGreen(green, limitS, 'after the implementation');
  noteOnce(ctx, 'task.green', { id: `green:${task.id}:a${n}`, task: task.id, attempt: n, command: commandNote(green), ok: judged.ok });
  if (!judged.ok) return trap('green', judged.why, true, { command: commandNote(green) });
  const greenSuite = await suite('green');
  if (greenSuite) return greenSuite;
  ctx.progress({ kind: 'task', task: task.id, state: 'green' });

  const refactor = await phase('refactor');
  if (!refactor.ok) return trap('refactor', refactor.why, true);
  if (refactor.changed.length === 0) {
    noteOnce(ctx, 'task.refactor', { id: `refactor:${task.id}:a${n}`, task: task.id, attempt: n, command: commandNote(green), ok: true, unchanged: true });
  } else {
    const after = await runRecorded(ctx, phaseKey(task.id, 'refactor', n), argv);
    const still = judgeGreen(after, limitS, 'after the refactor');
    noteOnce(ctx, 'task.refactor', { id: `refactor:${task.id}:a${n}`, task: task.id, attempt: n, command: commandNote(after), ok: still.ok });
    if (!still.ok) return trap('refactor', still.why, true, { command: commandNote(after) });
    const refactorSuite = await suite('refactor');
    if (refactorSuite) return refactorSuite;
  }

  ctx.progress({ kind: 'task', task: task.id, state: 'gates' });
  const gates = await runGates(ctx, a.bp, a.doc, task, n, a.before.images);
  if (!gates.ok) return trap('gates', gates.why, true, { findings: gates.findings });
  return { ok: true };
}

function end(ctx: RunContext, task: BlueprintTask, role: Role, outcome: TaskOutcome): TaskOutcome {
  noteOnce(ctx, 'task.end', { id: `end:${task.id}`, task: task.id, state: outcome.state, traps: outcome.traps, role, reason: outcome.reason });
  if (outcome.state === 'done') ctx.progress({ kind: 'task', task: task.id, state: 'done' });
  return outcome;
}
