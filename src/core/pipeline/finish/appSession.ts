/**
 * The app under verification (core.commands.start): started when first needed, waited for, checked
 * after each probe, and always stopped with its whole process tree (the stage stops it in `finally`,
 * on success, failure, error and cancel alike).
 */
import type { AppHandle, AppSpec, CommandRun, CommandSpec, HttpObservation, HttpProbe } from '../../exec';
import type { ExecPort } from '../runContext';

export type AppReady = ({ ok: true; port?: number; afterMs: number } | { ok: false; reason: string; output: string }) & { sandboxed?: boolean };

/** A crash shows once the process is reaped; this long is waited for it after each probe. */
const SETTLE_MS = 150;

export class AppSession {
  private handle: AppHandle | undefined;
  private readyResult: Promise<AppReady> | undefined;
  private stopped: CommandRun | undefined;

  constructor(
    private readonly exec: ExecPort,
    private readonly spec: AppSpec,
    private readonly signal: AbortSignal,
  ) {}

  get started(): boolean {
    return this.handle !== undefined;
  }

  /** Whether the app (and so every probe of it) runs in a sandbox. */
  get sandboxed(): boolean {
    return this.handle?.sandboxed ?? false;
  }

  get pid(): number | undefined {
    return this.handle?.pid;
  }

  /** Starts the app once and waits until it is ready (or is not). */
  ensure(): Promise<AppReady> {
    if (!this.readyResult) {
      this.handle = this.exec.startApp(this.spec, this.signal);
      this.readyResult = this.handle.ready;
    }
    return this.readyResult;
  }

  /** Runs a command where the app runs (in its sandbox, so it reaches the app). */
  run(spec: CommandSpec): Promise<CommandRun> {
    if (!this.handle) return this.exec.run(spec, this.signal);
    return this.handle.run(spec, this.signal);
  }

  /** Sends an HTTP probe to the app, where it runs. */
  httpProbe(probe: HttpProbe, timeoutMs: number): Promise<HttpObservation> {
    if (!this.handle) return Promise.resolve({ ok: false, body: '', bodyTruncated: false, error: 'the app was not started', durationMs: 0 });
    return this.handle.httpProbe(probe, timeoutMs, this.signal);
  }

  /** Whether the app's process still runs, after giving a crash the probe caused time to show. */
  async alive(): Promise<boolean> {
    const pid = this.handle?.pid;
    if (pid === undefined || this.stopped) return false;
    for (let waited = 0; waited < SETTLE_MS; waited += 50) {
      if (!processRuns(pid)) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return processRuns(pid);
  }

  /** Stops the app's process group; the run record (exit code, output) of the app. Idempotent. */
  async stop(): Promise<CommandRun | undefined> {
    if (!this.handle) return undefined;
    this.stopped ??= await this.handle.stop();
    return this.stopped;
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user; ESRCH: it is gone.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
