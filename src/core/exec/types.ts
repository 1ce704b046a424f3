/** The shapes of a command run: what the pipeline asks for and what it gets back (journalled as is). */

/** One command to run: argv[0] is the program (looked up on PATH), never a shell. */
export interface CommandSpec {
  argv: readonly string[];
  /** Absolute; the workspace or inside it. */
  cwd: string;
  /** limits.commandTimeoutS * 1000. */
  timeoutMs: number;
  /** Default 256 KiB; output beyond is dropped from the MIDDLE (head and tail kept), with a marker line saying how much was cut. */
  outputCapBytes?: number;
  /** Written then closed; absent: stdin is closed at once (never inherited). */
  stdin?: string;
  /** The base environment; default process.env; always passed through safeEnv(). */
  env?: Readonly<Record<string, string | undefined>>;
  /** More variables to keep out of the command's environment (e.g. a role's configured apiKeyEnv). */
  dropEnv?: readonly string[];
  /** Time between SIGTERM and SIGKILL when the process group is stopped. Default 2000 ms. */
  killGraceMs?: number;
}

export interface CommandRun {
  argv: string[];
  cwd: string;
  /** null when killed by a signal or never started. */
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** stdout and stderr interleaved in arrival order, capped. */
  output: string;
  truncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  /** Why the program could not be started, and what to do; not an exception. */
  spawnError?: string;
  /** Bytes the command printed in all (output keeps at most outputCapBytes of them). */
  outputBytes?: number;
  /** Whether it ran inside the sandbox (absent in journals from before the sandbox: it did not). */
  sandboxed?: boolean;
}

export const DEFAULT_OUTPUT_CAP_BYTES = 256 * 1024;
export const DEFAULT_KILL_GRACE_MS = 2000;
