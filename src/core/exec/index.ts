/** What the pipeline and the hosts may use of src/core/exec. */
export type { CommandRun, CommandSpec } from './types';
export { runCommand } from './runCommand';
export { safeEnv } from './safeEnv';
export { splitCommand, type SplitResult } from './splitCommand';
export { expandFiles } from './expandFiles';

// Types of the app and probe parts, kept from main until i8-exec exports its own (merge: take i8-exec's).
import type { CommandRun, CommandSpec } from './types';
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
