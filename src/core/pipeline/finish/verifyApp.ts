/**
 * VERIFY: the twin tries to break the app. The engine builds it (core.commands.build) and starts it
 * (core.commands.start, only if set), waits until it is ready, asks the twin for a verify_plan, runs
 * each probe itself (a durable step `command:verify:probe:<id>`), hands back what it observed and gets
 * a verify_report; the app ships at thresholds.verify, and never after a crash the engine saw. The
 * app's process tree is stopped in `finally`. The twin writes nothing: blocks in its replies are refused.
 */
import { splitCommand, type AppSpec, type CommandRun } from '../../exec';
import type { Blueprint, DacIssue, Probe, VerifyPlan } from '../../protocol';
import { appReadiness, readyPattern } from '../blueprint/appReadiness';
import { recallLearnings } from '../learnedRecall';
import { learnedText } from '../learnedText';
import { stepPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import { refuseTwinBlocks } from '../twinReadOnly';
import { AppSession, type AppReady } from './appSession';
import { clip } from './clip';
import { describeObservations, describeProbe } from './observations';
import { refusalOf } from './probeRules';
import { readProjectCode } from './projectCode';
import { runProbe, type ProbeObservation } from './runProbe';
import type { Scored } from './scored';

export const MAX_PROBES = 12;
/** An app that takes longer than this to listen is not ready, whatever the command timeout. */
const READY_TIMEOUT_MS = 60_000;
const HTTP_TIMEOUT_MS = 10_000;

export async function verifyApp(ctx: RunContext, bp: Blueprint, doc: string): Promise<Scored> {
  ctx.progress({ kind: 'stage', stage: 'verify' });
  const commandTimeoutMs = ctx.config.limits.commandTimeoutS * 1000;
  const { build, start } = bp.core.commands;
  const root = ctx.workspace.root;

  if (build !== null) {
    const argv = wordsOf(build);
    if (!argv.ok) return fail(ctx, { stage: 'build', why: argv.reason });
    const run = await ctx.effects.once('command:verify:build', 'command', async () => {
      const r = await ctx.exec.run({ argv: argv.argv, cwd: root, timeoutMs: commandTimeoutMs }, ctx.signal);
      // A run cut by a cancel is not a result: it must not be recorded as one (a resume runs it again).
      ctx.signal.throwIfAborted();
      return r;
    });
    ctx.journal.append({ type: 'note', topic: 'verify.build', data: summary(run) });
    if (run.exitCode !== 0) return fail(ctx, { stage: 'build', why: `the build command \`${build}\` failed (${ended(run)}):\n${clip(run.output, 2000)}` });
  }

  let app: AppSession | undefined;
  try {
    let port: number | undefined;
    let appText = 'No app is started (core.commands.start is null): probe the project with command probes.';
    if (start !== null) {
      const readiness = appReadiness(bp);
      const argv = wordsOf(start);
      if (!readiness.ok) return fail(ctx, { stage: 'start', why: readiness.why });
      if (!argv.ok) return fail(ctx, { stage: 'start', why: argv.reason });
      port = readiness.port;
      const spec: AppSpec = {
        argv: argv.argv,
        cwd: root,
        timeoutMs: commandTimeoutMs,
        // The app is told its port the common way; an app that reads PORT cannot drift from the blueprint.
        env: port === undefined ? process.env : { ...process.env, PORT: String(port) },
        ...(port !== undefined ? { port } : {}),
        ...(readiness.readyText !== undefined ? { readyLine: readyPattern(readiness.readyText) } : {}),
        readyTimeoutMs: Math.min(commandTimeoutMs, READY_TIMEOUT_MS),
      };
      const session = new AppSession(ctx.exec, spec, ctx.signal);
      app = session;
      const ready = await ctx.effects.once<AppReady>('command:verify:start', 'command', async () => {
        const r = await session.ensure();
        ctx.signal.throwIfAborted();
        return { ...r, sandboxed: session.sandboxed };
      });
      ctx.journal.append({ type: 'note', topic: 'verify.start', data: { argv: argv.argv, port, ready: ready.ok, ...(ready.ok ? { afterMs: ready.afterMs } : { why: ready.reason, output: clip(ready.output, 4000) }) } });
      if (!ready.ok) return fail(ctx, { stage: 'start', why: `the app (\`${start}\`) did not become ready: ${ready.reason}` });
      appText = port !== undefined ? `The app is running (\`${start}\`), listening on 127.0.0.1:${port}.` : `The app is running (\`${start}\`); it has no port, so probe it with command probes.`;
    }

    const code = await readProjectCode(ctx.workspace, bp);
    // The traps and rules of earlier projects are what to probe for, and what to judge by.
    const learned = learnedText((await recallLearnings(ctx)).selection);
    const planned = await ctx.models.ask({
      key: 'verify:plan',
      role: 'twin',
      step: 'verify_plan',
      expect: 'verify_plan',
      access: 'read-only',
      blueprint: doc,
      taskText: code.text,
      fresh: stepPrompt('verify_plan', { request: ctx.request, app: appText, command_timeout_s: ctx.config.limits.commandTimeoutS, max_probes: MAX_PROBES, learned }),
      check: (plan) => (plan.probes.length > MAX_PROBES ? [{ path: '$.probes', expected: `at most ${MAX_PROBES} probes`, got: `${plan.probes.length} probes` }] : []),
    });
    refuseTwinBlocks(ctx, 'verify_plan', planned.replies);
    if (!planned.ok) return fail(ctx, { stage: 'verify_plan', why: `the twin's verify plan could not be used: ${planned.reason}` });
    const plan = planned.message;
    ctx.journal.append({ type: 'note', topic: 'verify.plan', data: { probes: plan.probes.map((p) => ({ id: p.id, kind: p.kind, what: describeProbe(p), expect: p.expect })) } });

    const seen = await runProbes(ctx, plan, { app, port, commandTimeoutMs, httpTimeoutMs: Math.min(commandTimeoutMs, HTTP_TIMEOUT_MS) });

    const target = ctx.config.thresholds.verify;
    const probeIds = new Set(plan.probes.map((p) => p.id));
    const reported = await ctx.models.ask({
      key: 'verify:report',
      role: 'twin',
      step: 'verify_report',
      expect: 'verify_report',
      access: 'read-only',
      blueprint: doc,
      taskText: code.text,
      fresh: stepPrompt('verify_report', { plan: plan.probes.map((p) => `- ${describeProbe(p)}; expect: ${p.expect}`).join('\n'), observations: describeObservations(plan.probes, seen), target, learned }),
      check: (r) => r.broken.flatMap((b, i): DacIssue[] => (probeIds.has(b.probe) ? [] : [{ path: `$.broken[${i}].probe`, expected: `the id of a planned probe (${[...probeIds].join(', ')})`, got: JSON.stringify(b.probe) }])),
    });
    refuseTwinBlocks(ctx, 'verify_report', reported.replies);
    if (!reported.ok) return fail(ctx, { stage: 'verify_report', why: `the twin's verify report could not be used: ${reported.reason}` });
    const { score, broken } = reported.message;
    const crashes = [...seen.values()].filter((o): o is ProbeObservation => 'crashed' in o && o.crashed).map((o) => o.crash ?? `probe ${o.id} crashed`);
    const passed = score >= target && crashes.length === 0;
    ctx.journal.append({ type: 'note', topic: 'verify', data: { score, target, passed, broken, crashes } });
    ctx.progress({ kind: passed ? 'info' : 'warn', message: `verify ${score} (target ${target})${crashes.length ? `; ${crashes.join('; ')}` : ''}` });
    if (passed) return { ok: true, score };
    const why = [...crashes, ...broken.map((b) => `${b.probe}: ${b.issue}`)];
    return { ok: false, score, reason: crashes.length ? `${why.join('; ')} (a crash the engine saw never ships, whatever the score)` : why.join('; ') || undefined };
  } finally {
    const stopped = await app?.stop();
    if (app?.started) ctx.journal.append({ type: 'note', topic: 'verify.stop', data: { pid: app.pid, ...(stopped ? summary(stopped) : {}) } });
  }
}

type Seen = ProbeObservation | { id: string; refused: string };

/** Probes one after another (they share the app), each a durable step; refused ones recorded. */
async function runProbes(ctx: RunContext, plan: VerifyPlan, target: Parameters<typeof runProbe>[2]): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>();
  // A crash recorded by an earlier try of this run stays a crash: the app is not started again for it.
  let crashedBy: string | undefined;
  for (const probe of plan.probes) {
    const refused = refusalOf(probe, target.port);
    if (refused !== undefined) {
      seen.set(probe.id, { id: probe.id, refused });
      ctx.journal.append({ type: 'note', topic: 'verify.refused', data: { probe: probe.id, kind: probe.kind, what: describeProbe(probe), why: refused } });
      ctx.progress({ kind: 'warn', message: `probe ${probe.id} refused: ${refused}` });
      continue;
    }
    const key = `command:verify:probe:${probe.id}`;
    const observed = crashedBy !== undefined && !ctx.effects.has(key) ? afterCrash(probe, crashedBy) : await ctx.effects.once(key, 'command', () => runProbe(ctx, probe, target), { detail: { probe: probe.id, kind: probe.kind, what: describeProbe(probe) } });
    seen.set(probe.id, observed);
    if (observed.crashed && observed.app?.running === false) crashedBy ??= probe.id;
    ctx.progress({ kind: observed.crashed ? 'warn' : 'info', message: `probe ${probe.id}: ${observed.crash ?? 'observed'}` });
  }
  return seen;
}

function afterCrash(probe: Probe, by: string): ProbeObservation {
  return { id: probe.id, kind: probe.kind, durationMs: 0, error: `not run: the app stopped during probe ${by}`, crashed: false };
}

function wordsOf(line: string): { ok: true; argv: string[] } | { ok: false; reason: string } {
  const r = splitCommand(line);
  if (!r.ok) return { ok: false, reason: `\`${line}\` cannot run without a shell: ${r.reason}` };
  return r.argv.length ? r : { ok: false, reason: `\`${line}\` is empty` };
}

function ended(run: CommandRun): string {
  if (run.spawnError) return run.spawnError;
  if (run.timedOut) return `timed out after ${run.durationMs} ms`;
  return run.signal ? `signal ${run.signal}` : `exit code ${run.exitCode}`;
}

function summary(run: CommandRun): Record<string, unknown> {
  return { argv: run.argv, exitCode: run.exitCode, signal: run.signal, durationMs: run.durationMs, timedOut: run.timedOut, output: clip(run.output, 4000) };
}

function fail(ctx: RunContext, f: { stage: string; why: string }): Scored {
  ctx.journal.append({ type: 'note', topic: 'verify', data: { passed: false, score: null, failedAt: f.stage, why: f.why } });
  return { ok: false, score: null, reason: f.why };
}
