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

/** A file as the host read it. */
export type FileRead =
  | {
      kind: 'text';
      text: string;
      /**
       * What the file is, whatever path named it: two paths with the same identity are one file (a
       * link inside the workspace, or letter case on a case-insensitive disk), so the engine applies
       * their blocks in order to one text, as one change. Absent: the path is the identity.
       */
      identity?: string;
      /** New characters the file can take; absent: any text. */
      holds?: TextLimit;
    }
  | { kind: 'missing'; identity?: string }
  /** The host will not let the file be patched: a link that leaves the workspace, a binary file. */
  | { kind: 'refused'; why: 'unsafe_path' | 'unreadable'; reason: string };

/**
 * New characters a file can take without holding two encodings: 'latin1' (a Latin-1 file: up to
 * U+00FF), 'ascii' (a file that mixes encodings, so any other character would be a guess).
 * Characters the file already has may stay or move. Absent: any text (UTF-8, UTF-16).
 */
export interface TextLimit {
  chars: 'latin1' | 'ascii';
  /** The file's problem and where it is, for the message when a block needs more. */
  why: string;
}

/** How the engine reads the files it patches; each host (file system, VS Code, tests) provides one. */
export interface PatchReader {
  /** `path` is already checked and normalised (workspace-relative, with /). */
  read(path: string): Promise<FileRead>;
}

/** What became of one file of a write: written, or not (with the host's reason). */
export type WriteOutcome = { path: string; ok: true } | { path: string; ok: false; reason: string };

/**
 * The workspace as the patch engine and the pipeline see it: reads with the path checks of
 * blocks/safePath (links, `.git`, `.factory` refused), writes that refuse a file changed since it was
 * read. The CLI uses patch/fsWorkspace (atomic writes); VS Code uses one WorkspaceEdit per step.
 */
export interface WorkspacePort extends PatchReader {
  /** Absolute path of the workspace root. */
  readonly root: string;
  /** Writes one step's changes; `label` names the step (the undo entry in VS Code). */
  write(changes: readonly FileChange[], label: string): Promise<WriteOutcome[]>;
  /**
   * Puts files back to exact bytes (null: removes the file) as one step, `label` naming it: the
   * circuit breaker's rollback, and a step cut by a kill. Returns false when the host could not, and
   * the engine then writes the bytes to disk itself. Absent: the engine writes to disk (the CLI).
   */
  restore?(files: readonly FileBytes[], label: string): Promise<boolean>;
}

/** A file's exact bytes to put back; null when the file is to be removed. Paths as in FileChange. */
export interface FileBytes {
  path: string;
  bytes: Buffer | null;
}

export interface LogPort {
  log(level: LogLevel, source: string, message: string): void;
}

export type GateAnswer = { verdict: 'ACCEPT' } | { verdict: 'CHANGE'; changes: string[] } | { verdict: 'REJECT'; reason: string };

/** A command of the project itself that a run would run (AUDIT: the project's own tests, code nobody here wrote). */
export interface RunConsentRequest {
  /** The command line as found (e.g. `npm test`). */
  command: string;
  /** The folder it runs in. */
  cwd: string;
  /** Why the run wants to run it, in a sentence. */
  why: string;
}

/** A person's answer: run it (and how they said so), or not (and why, for the report). */
export type RunConsent = { allow: true; how: string } | { allow: false; why: string };

export interface ApprovalPort {
  /** Asks a person to take the gate (setting `gate: "human"`). */
  askGate(summary: string): Promise<GateAnswer>;
  /**
   * Asks a person whether a command of the project may run. Absent: nobody can be asked, so the
   * command is not run (the run records why and goes on without it).
   */
  askToRun?(request: RunConsentRequest): Promise<RunConsent>;
}

/** The key a model call needs: the provider, how people call it, and the variables the CLI would read. */
export interface KeyRequest {
  readonly provider: string;
  /**
   * Where the key is kept: the provider id, or for an OpenAI-compatible service
   * `openai-compatible:<preset id or host>`, so that two services never share one key.
   */
  readonly account: string;
  readonly label: string;
  /** Environment variables, in order: the role's `apiKeyEnv`, or the provider's usual ones. */
  readonly envVars: readonly string[];
}

/**
 * Where API keys come from: SecretStorage in VS Code ("Factory: Set API Key"), the environment in
 * the CLI. Keys are never logged.
 */
export interface KeysPort {
  findKey(request: KeyRequest): Promise<string | undefined>;
  /** How a person sets the key in this host, e.g. `set the environment variable ANTHROPIC_API_KEY`. */
  howToSet(request: KeyRequest): string;
}

export interface HostPorts {
  workspace: WorkspacePort;
  keys: KeysPort;
  log: LogPort;
  approval: ApprovalPort;
}
