/**
 * One process started in its own process group, with its output captured under a cap. runCommand
 * (run to the end) and startApp (run until stopped) are both built on it.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { OutputBuffer } from './outputBuffer';
import { stopGroup, trackGroup, untrackGroup } from './processGroup';
import { safeEnv } from './safeEnv';
import { DEFAULT_KILL_GRACE_MS, DEFAULT_OUTPUT_CAP_BYTES, type CommandRun, type CommandSpec } from './types';

export type StopReason = 'timeout' | 'cancel' | 'stop';

export interface Launched {
  readonly pid: number | undefined;
  /** Called with each piece of output as it arrives (stdout and stderr alike), decoded as UTF-8. */
  onOutput(listener: (text: string) => void): void;
  /** The output kept so far. */
  outputSoFar(): string;
  /** Resolves when the program itself has exited (or could not start). */
  readonly exited: Promise<void>;
  /** Stops the whole group; the reason is recorded (timedOut / cancelled). Idempotent. */
  stop(reason: StopReason): void;
  /** The run record, once the program exited, its group is gone and its output is read. */
  readonly finished: Promise<CommandRun>;
}

/** Time to let the pipes drain after the group is gone, before a holder outside the group is ignored. */
const DRAIN_MS = 1000;

function spawnErrorText(program: string, error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'error';
  if (code === 'ENOENT') return `command not found: ${program} (ENOENT): install it or fix core.commands`;
  if (code === 'EACCES') return `not executable: ${program} (EACCES): make it executable (chmod +x) or run it through its interpreter in core.commands`;
  return `could not start ${program} (${code}): ${error.message}`;
}

/** Why `cwd` cannot be used, or undefined when it is a folder. */
function cwdProblem(cwd: string): string | undefined {
  try {
    if (statSync(cwd).isDirectory()) return undefined;
    return `working folder is not a folder: ${cwd}: run commands in the workspace`;
  } catch {
    return `working folder not found: ${cwd}: create it or run the command in the workspace`;
  }
}

/** How the program is really started: the sandbox's wrapping of spec.argv (the record keeps spec.argv). */
export interface StartAs {
  argv: readonly string[];
  sandboxed: boolean;
  release(): void;
}

/**
 * A sandboxed program that died of a signal is reported by bubblewrap, as a shell would, as exit
 * code 128 + the signal's number: read back as the signal, so a crash (SIGSEGV, SIGABRT) inside the
 * sandbox is seen as one.
 */
function signalledInside(end: { code: number | null; signal: NodeJS.Signals | null }): { exitCode: number | null; signal: string | null } {
  const n = end.code !== null && end.code > 128 && end.code < 160 ? end.code - 128 : undefined;
  const name = n === undefined ? undefined : Object.entries(osConstants.signals).find(([, v]) => v === n)?.[0];
  return name !== undefined ? { exitCode: null, signal: name } : { exitCode: end.code, signal: end.signal };
}

export function launch(spec: CommandSpec, startAs?: StartAs): Launched {
  const argv = [...spec.argv];
  const started = performance.now();
  const buffer = new OutputBuffer(spec.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES);
  const grace = spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const listeners: Array<(text: string) => void> = [];
  let stopReason: StopReason | undefined;
  const record = (fields: Partial<CommandRun>): CommandRun => ({
    argv,
    cwd: spec.cwd,
    exitCode: null,
    signal: null,
    durationMs: Math.round(performance.now() - started),
    output: buffer.text(),
    truncated: buffer.truncated,
    timedOut: stopReason === 'timeout',
    cancelled: stopReason === 'cancel',
    outputBytes: buffer.bytes,
    ...(startAs ? { sandboxed: startAs.sandboxed } : {}),
    ...fields,
  });

  const [program] = argv;
  const problem = !program ? 'empty command: no program to run (fix core.commands)' : cwdProblem(spec.cwd);
  if (problem || !program) {
    startAs?.release();
    const run = record({ spawnError: problem });
    return {
      pid: undefined,
      onOutput: () => undefined,
      outputSoFar: () => '',
      exited: Promise.resolve(),
      stop: () => undefined,
      finished: Promise.resolve(run),
    };
  }

  const [spawned = program, ...args] = startAs?.argv ?? argv;
  const child = spawn(spawned, startAs ? args : argv.slice(1), {
    cwd: spec.cwd,
    env: safeEnv(spec.env ?? process.env, spec.dropEnv),
    shell: false,
    detached: true, // its own process group, so the whole tree can be stopped with one signal
    stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const pid = child.pid;
  if (pid !== undefined) trackGroup(pid);

  if (child.stdin) {
    child.stdin.on('error', () => undefined); // the program may exit without reading its input
    child.stdin.end(spec.stdin ?? '');
  }
  const decoder = new StringDecoder('utf8');
  const onData = (chunk: Buffer) => {
    buffer.append(chunk);
    if (listeners.length) {
      const text = decoder.write(chunk);
      if (text) for (const l of listeners) l(text);
    }
  };
  const streams = [child.stdout, child.stderr].filter((s) => s !== null);
  const closed = Promise.all(streams.map((s) => new Promise<void>((resolve) => s.on('close', () => resolve()))));
  for (const s of streams) s.on('data', onData);

  let hasEnded = false;
  let settle!: (r: { code: number | null; signal: NodeJS.Signals | null } | { error: NodeJS.ErrnoException }) => void;
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: NodeJS.ErrnoException }>((resolve) => {
    let done = false;
    settle = (r) => {
      if (!done) {
        done = true;
        hasEnded = true;
        resolve(r);
      }
    };
  });
  child.on('exit', (code, signal) => settle({ code, signal }));
  child.on('error', (error: NodeJS.ErrnoException) => {
    if (pid === undefined) settle({ error });
  });

  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    if (pid === undefined) return Promise.resolve();
    stopping ??= stopGroup(pid, grace);
    return stopping;
  };

  const finished = (async (): Promise<CommandRun> => {
    const end = await ended;
    if ('error' in end) {
      startAs?.release();
      for (const s of streams) s.destroy();
      return record({ spawnError: spawnErrorText(program, end.error) });
    }
    const durationMs = Math.round(performance.now() - started);
    // The program is gone; whatever it left running in its group goes too (a background `sleep`
    // holding the pipes open would otherwise keep the run from ever ending).
    await stopAll();
    if (pid !== undefined) untrackGroup(pid);
    startAs?.release();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
    clearTimeout(timer);
    for (const s of streams) s.destroy();
    return record({ ...(startAs?.sandboxed ? signalledInside(end) : { exitCode: end.code, signal: end.signal }), durationMs });
  })();

  return {
    pid,
    onOutput: (l) => listeners.push(l),
    outputSoFar: () => buffer.text(),
    exited: ended.then(() => undefined),
    stop: (reason) => {
      if (!hasEnded) stopReason ??= reason; // a program that already ended on its own was not stopped
      void stopAll();
    },
    finished,
  };
}
