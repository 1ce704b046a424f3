/**
 * A long-running app (core.commands.start) under verification: started like any command (no shell,
 * own process group, safe environment), waited for until ready, and always stopped as a whole tree.
 */
import { dialLoopback, type Dial } from './dial';
import { httpProbe, type HttpObservation, type HttpProbe } from './httpProbe';
import { launch, type StartAs } from './launch';
import { runCommand } from './runCommand';
import type { CommandRun, CommandSpec } from './types';

export type Readiness = { ok: true; port?: number; afterMs: number } | { ok: false; reason: string; output: string };

/** A long-running app (core.commands.start): started, waited for, always stopped. */
export interface AppHandle {
  readonly pid: number | undefined;
  /**
   * Resolves when ready: a TCP port on 127.0.0.1 accepts a connection, or a line of output matches
   * `readyLine` (with both set, both are needed); or not ready (exited early, timed out, cancelled)
   * with the output so far.
   */
  ready: Promise<Readiness>;
  /** Kills the whole process group (SIGTERM, then SIGKILL after a grace period); resolves with the run record. Idempotent. */
  stop(): Promise<CommandRun>;
  /** Whether the app runs in a sandbox (then its probes run in the same one). */
  readonly sandboxed: boolean;
  /** Runs a command where the app runs (its sandbox, so it reaches the app's port), to its end. */
  run(spec: CommandSpec, signal?: AbortSignal): Promise<CommandRun>;
  /** Sends an HTTP probe to the app's port, where the app runs. */
  httpProbe(probe: HttpProbe, timeoutMs: number, signal?: AbortSignal): Promise<HttpObservation>;
}

/** Where the app runs when it is sandboxed: how it is started, how its port is reached, how commands join it. */
export interface AppPlace {
  startAs: StartAs;
  dial: Dial;
  run(spec: CommandSpec, signal?: AbortSignal): Promise<CommandRun>;
}

/** `timeoutMs` bounds the app's whole life: an app nobody stops is stopped then (timedOut). */
export interface AppSpec extends CommandSpec {
  port?: number;
  readyLine?: RegExp;
  readyTimeoutMs: number;
}

const POLL_MS = 100;

/** Whether something accepts a TCP connection on the app's 127.0.0.1:port right now. */
async function accepts(dial: Dial, port: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), POLL_MS * 5)));
  const attempt = dial(port);
  const got = await Promise.race([attempt, late]);
  clearTimeout(timer);
  if (got === 'late') {
    void attempt.then((d) => 'socket' in d && d.socket.destroy());
    return false;
  }
  if ('socket' in got) got.socket.destroy();
  return 'socket' in got;
}

/** Lines of output as they arrive (a line split across chunks is joined first). */
function lineWatcher(regex: RegExp, onMatch: () => void): (text: string) => void {
  let partial = '';
  let matched = false;
  const test = (line: string) => {
    regex.lastIndex = 0; // a /g or /y regex keeps state between tests
    if (!matched && regex.test(line)) {
      matched = true;
      onMatch();
    }
  };
  return (text) => {
    const lines = (partial + text).split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const line of lines) test(line);
    // A ready line often has no newline yet ("listening on 3000" then nothing): test the partial line too.
    if (partial) test(partial);
  };
}

/** `place`: the app's sandbox; absent, the app runs on the host like any unsandboxed command. */
export function startApp(spec: AppSpec, signal?: AbortSignal, place?: AppPlace): AppHandle {
  const app = launch(spec, place?.startAs);
  const dial = place?.dial ?? dialLoopback;
  const started = performance.now();
  const lifetime = setTimeout(() => app.stop('timeout'), Math.max(0, spec.timeoutMs));
  let exited = false;
  void app.exited.then(() => {
    exited = true;
  });

  let stopped: Promise<CommandRun> | undefined;
  const stop = (): Promise<CommandRun> => {
    if (!stopped) {
      app.stop('stop');
      stopped = app.finished.finally(() => {
        clearTimeout(lifetime);
        signal?.removeEventListener('abort', onAbort);
      });
    }
    return stopped;
  };
  const onAbort = () => {
    app.stop('cancel');
    void stop();
  };

  const ready = (async (): Promise<Readiness> => {
    const notReady = async (reason: string): Promise<Readiness> => ({ ok: false, reason, output: app.outputSoFar() });
    if (app.pid === undefined) {
      const run = await app.finished;
      return { ok: false, reason: run.spawnError ?? 'the app could not be started', output: run.output };
    }
    if (spec.port === undefined && !spec.readyLine) {
      return notReady('no readiness check: set the port the app listens on, or a line of output that says it is ready');
    }
    if (signal?.aborted) return notReady('cancelled before the app was ready');
    let lineSeen = !spec.readyLine;
    if (spec.readyLine) app.onOutput(lineWatcher(spec.readyLine, () => (lineSeen = true)));
    const deadline = started + spec.readyTimeoutMs;
    // Probed at once, before any app could have bound it: an answer now comes from something else.
    if (spec.port !== undefined && (await accepts(dial, spec.port)) && !exited) {
      return notReady(`port ${spec.port} on 127.0.0.1 was already in use when the app started: stop what listens there, or use another port`);
    }
    for (;;) {
      if (signal?.aborted) return notReady('cancelled before the app was ready');
      if (lineSeen && (spec.port === undefined || (await accepts(dial, spec.port)))) {
        if (exited) break; // it answered, but the program itself is gone: not an app we started
        return { ok: true, port: spec.port, afterMs: Math.round(performance.now() - started) };
      }
      if (exited) break;
      if (performance.now() >= deadline) {
        const waitingFor = [
          !lineSeen && spec.readyLine ? `no line of output matched ${String(spec.readyLine)}` : undefined,
          spec.port !== undefined ? `port ${spec.port} on 127.0.0.1 did not accept a connection` : undefined,
        ].filter(Boolean);
        return notReady(`not ready after ${spec.readyTimeoutMs} ms: ${waitingFor.join('; ')}`);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const run = await app.finished;
    const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode}`;
    return { ok: false, reason: `the app ${how} before it was ready`, output: run.output };
  })();

  if (signal) {
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }

  const run = (command: CommandSpec, commandSignal?: AbortSignal) => (place ? place.run(command, commandSignal) : runCommand(command, commandSignal));
  const probe = (p: HttpProbe, timeoutMs: number, probeSignal?: AbortSignal): Promise<HttpObservation> =>
    spec.port === undefined
      ? Promise.resolve({ ok: false, body: '', bodyTruncated: false, error: 'the app has no port to probe', durationMs: 0 })
      : httpProbe(spec.port, p, timeoutMs, probeSignal, undefined, dial);
  return { pid: app.pid, sandboxed: place?.startAs.sandboxed ?? false, ready, stop, run, httpProbe: probe };
}
