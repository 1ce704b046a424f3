/**
 * Runs one probe of a verify_plan and says what was observed: a command's exit code and output, an
 * HTTP response (or why there was none), and whether the started app still runs afterwards. An app
 * that stopped during a probe is a crash the engine saw itself, whatever the twin says about it.
 */
import type { Probe } from '../../protocol';
import type { RunContext } from '../runContext';
import type { AppSession } from './appSession';
import { clip } from './clip';

const OUTPUT_CHARS = 6000;
const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGILL', 'SIGFPE']);

export interface ProbeObservation {
  id: string;
  kind: 'command' | 'http';
  durationMs: number;
  exitCode?: number | null;
  signal?: string | null;
  timedOut?: boolean;
  spawnError?: string;
  output?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  bodyTruncated?: boolean;
  error?: string;
  /** Present when an app was started: whether it still ran after the probe, and how it ended if not. */
  app?: { running: boolean; exitCode?: number | null; signal?: string | null; output?: string };
  /** Whether a command probe ran in the sandbox (an HTTP probe goes where the app is). */
  sandboxed?: boolean;
  /** The engine's own reading: the app stopped during the probe, or the command died of a crash signal. */
  crashed: boolean;
  crash?: string;
}

export interface ProbeTarget {
  /** The started app, when there is one. */
  app?: AppSession;
  port?: number;
  commandTimeoutMs: number;
  httpTimeoutMs: number;
}

export async function runProbe(ctx: RunContext, probe: Probe, target: ProbeTarget): Promise<ProbeObservation> {
  if (target.app) {
    const ready = await target.app.ensure();
    ctx.signal.throwIfAborted();
    if (!ready.ok) return { id: probe.id, kind: probe.kind, durationMs: 0, error: `the app was not running: ${ready.reason}`, crashed: false };
  }
  const seen = probe.kind === 'command' ? await runCommandProbe(ctx, probe, target) : await runHttpProbe(ctx, probe, target);
  // What a cancel cut short was not observed: it must not be recorded as an observation.
  ctx.signal.throwIfAborted();
  if (!target.app) return seen;
  if (await target.app.alive()) return { ...seen, app: { running: true } };
  const ended = await target.app.stop();
  const how = ended ? (ended.signal ? `signal ${ended.signal}` : `exit code ${ended.exitCode}`) : 'unknown';
  return {
    ...seen,
    app: { running: false, exitCode: ended?.exitCode ?? null, signal: ended?.signal ?? null, output: clip(ended?.output ?? '', OUTPUT_CHARS) },
    crashed: true,
    crash: `the app stopped during probe ${probe.id} (${how})`,
  };
}

async function runCommandProbe(ctx: RunContext, probe: Extract<Probe, { kind: 'command' }>, target: ProbeTarget): Promise<ProbeObservation> {
  const spec = { argv: probe.argv, cwd: ctx.workspace.root, timeoutMs: target.commandTimeoutMs, stdin: probe.stdin };
  // With an app, the probe runs where the app runs (its sandbox), so it reaches the app's port.
  const run = target.app ? await target.app.run(spec) : await ctx.exec.run(spec, ctx.signal);
  const crashed = run.signal !== null && CRASH_SIGNALS.has(run.signal) && !run.timedOut && !run.cancelled;
  return {
    id: probe.id,
    kind: 'command',
    durationMs: run.durationMs,
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    ...(run.spawnError ? { spawnError: run.spawnError } : {}),
    output: clip(run.output, OUTPUT_CHARS),
    ...(run.sandboxed !== undefined ? { sandboxed: run.sandboxed } : {}),
    crashed,
    ...(crashed ? { crash: `probe ${probe.id}'s command died of ${run.signal}` } : {}),
  };
}

async function runHttpProbe(ctx: RunContext, probe: Extract<Probe, { kind: 'http' }>, target: ProbeTarget): Promise<ProbeObservation> {
  if (target.port === undefined) return { id: probe.id, kind: 'http', durationMs: 0, error: 'no app port to probe', crashed: false };
  const request = { method: probe.method, path: probe.path, headers: probe.headers, body: probe.body };
  const seen = target.app ? await target.app.httpProbe(request, target.httpTimeoutMs) : await ctx.exec.httpProbe(target.port, request, target.httpTimeoutMs, ctx.signal);
  return {
    id: probe.id,
    kind: 'http',
    durationMs: seen.durationMs,
    ...(seen.status !== undefined ? { status: seen.status } : {}),
    ...(seen.headers ? { headers: seen.headers } : {}),
    body: clip(seen.body, OUTPUT_CHARS),
    bodyTruncated: seen.bodyTruncated,
    ...(seen.error ? { error: seen.error } : {}),
    ...(target.app ? { sandboxed: target.app.sandboxed } : {}),
    crashed: false,
  };
}
