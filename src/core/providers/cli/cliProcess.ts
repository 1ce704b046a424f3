/**
 * One run of a coding CLI: started in an empty temporary folder (never the workspace: it cannot even
 * read the project except through what Factory sends), the prompt written to its standard input,
 * its standard output read line by line. It leads its own process group: the signal (the run's
 * cancel, the idle watchdog) stops the whole group, and so does the end of the run, whatever it left
 * running. The folder is removed once the group is gone.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { groupAlive, stopGroup, trackGroup, untrackGroup } from '../../exec/processGroup';
import type { CliExit } from './dialect';

export interface CliSpawn {
  readonly program: string;
  readonly args: readonly string[];
  readonly stdin: string;
  readonly env: Record<string, string>;
  readonly signal: AbortSignal;
  /** Between SIGTERM and SIGKILL. */
  readonly killGraceMs?: number;
}

/** Standard error kept for messages: its end, where a CLI says why it stopped. */
const STDERR_CAP = 64 * 1024;

/** The process could not be started at all (ENOENT after the preflight, EACCES). */
export class CliSpawnError extends Error {
  constructor(
    readonly program: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CliSpawnError';
  }
}

/** Yields standard output's lines; returns how the process ended. */
export async function* runCli(spec: CliSpawn): AsyncGenerator<string, CliExit, undefined> {
  const folder = await mkdtemp(join(tmpdir(), 'factory-cli-'));
  let pid: number | undefined;
  const grace = spec.killGraceMs ?? 2000;
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    if (pid === undefined) return Promise.resolve();
    stopping ??= stopGroup(pid, grace);
    return stopping;
  };
  const onAbort = (): void => void stopAll();
  try {
    const child = spawn(spec.program, [...spec.args], {
      cwd: folder,
      env: spec.env,
      shell: false,
      detached: true, // its own process group, so one signal stops everything it started
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    pid = child.pid;
    if (pid !== undefined) trackGroup(pid);
    let spawnError: NodeJS.ErrnoException | undefined;
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('error', (e: NodeJS.ErrnoException) => {
        spawnError ??= e;
        if (pid === undefined) resolve({ code: null, signal: null });
      });
      child.on('close', (code, signal) => resolve({ code, signal }));
    });
    // Once the CLI itself has exited, whatever it left in its group goes too (it would hold the pipes open).
    child.on('exit', () => void stopAll());
    spec.signal.addEventListener('abort', onAbort, { once: true });
    if (spec.signal.aborted) onAbort();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-STDERR_CAP);
    });
    child.stdin.on('error', () => undefined); // it may exit without reading its input
    child.stdin.end(spec.stdin);
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) yield line;
    const end = await closed;
    if (spawnError && pid === undefined) {
      const code = spawnError.code ?? 'error';
      throw new CliSpawnError(spec.program, code, `could not start ${spec.program} (${code}): ${spawnError.message}`);
    }
    return { code: end.code, signal: end.signal, stderr };
  } finally {
    spec.signal.removeEventListener('abort', onAbort);
    // A consumer that stopped reading (a cancel, the watchdog) leaves nothing running.
    if (pid !== undefined && groupAlive(pid)) await stopAll();
    if (pid !== undefined) untrackGroup(pid);
    await rm(folder, { recursive: true, force: true });
  }
}
