/**
 * Running the project's commands (DESIGN.md, "Where commands run"). Placeholder of the types only:
 * the implementation lands from the exec work (branch i8-exec), which replaces this file.
 */
export interface CommandSpec {
  argv: readonly string[];
  cwd: string;
  timeoutMs: number;
  outputCapBytes?: number;
  stdin?: string;
  env?: Readonly<Record<string, string | undefined>>;
}
export interface CommandRun {
  argv: string[];
  cwd: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  output: string;
  truncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  spawnError?: string;
}
export interface AppHandle {
  readonly pid: number | undefined;
  ready: Promise<{ ok: true; port?: number; afterMs: number } | { ok: false; reason: string; output: string }>;
  stop(): Promise<CommandRun>;
}
export interface AppSpec extends CommandSpec {
  port?: number;
  readyLine?: RegExp;
  readyTimeoutMs: number;
}
export interface HttpProbe {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
export interface HttpObservation {
  ok: boolean;
  status?: number;
  headers?: Record<string, string>;
  body: string;
  bodyTruncated: boolean;
  error?: string;
  durationMs: number;
}
export type SplitResult = { ok: true; argv: string[] } | { ok: false; reason: string };
