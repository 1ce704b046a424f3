/**
 * What core needs from its host (the VS Code extension, the CLI, or a test). Core never touches the
 * editor or the terminal directly; each host implements these over its own APIs.
 */
import type { LogLevel } from './log/entry';

/** A whole-file change: `before` is null when the file is created. Paths are workspace-relative, with `/`. */
export interface FileChange {
  path: string;
  before: string | null;
  after: string;
}

export type ApplyOutcome = { ok: true; applied: string[] } | { ok: false; applied: string[]; failed: { path: string; reason: string }[] };

export interface WorkspacePort {
  /** Absolute path of the workspace root. */
  readonly root: string;
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Applies changes as one step (in VS Code: one undoable WorkspaceEdit). */
  applyChanges(changes: readonly FileChange[], label: string): Promise<ApplyOutcome>;
}

export interface SecretsPort {
  /** The API key stored for a provider, or undefined. Keys are never logged. */
  getKey(provider: string): Promise<string | undefined>;
}

export interface LogPort {
  log(level: LogLevel, source: string, message: string): void;
}

export type GateAnswer = { verdict: 'ACCEPT' } | { verdict: 'CHANGE'; changes: string[] } | { verdict: 'REJECT'; reason: string };

export interface ApprovalPort {
  /** Asks a person to take the gate (setting `gate: "human"`). */
  askGate(summary: string): Promise<GateAnswer>;
}

export interface HostPorts {
  workspace: WorkspacePort;
  secrets: SecretsPort;
  log: LogPort;
  approval: ApprovalPort;
}
