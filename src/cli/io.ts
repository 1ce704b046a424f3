/** What the CLI touches of its process, passed in so tests can run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Reads all of standard input (for `factory patch`); absent where there is none to read. */
  stdin?: () => Promise<string>;
  /** Standard input is a terminal (nothing was piped in): `factory patch` then says what it expects. */
  stdinIsTTY?: boolean;
  /** Standard output is a terminal: a run then keeps a live status block at the bottom. */
  stdoutIsTTY?: boolean;
  /** The terminal's width, for the status block. */
  columns?: number;
  /** Asks a person one question on the terminal and resolves with the line they typed (a human gate). */
  ask?: (question: string) => Promise<string>;
  /** Ctrl-C while a run is under way; absent in tests that run the CLI in-process. */
  interrupts?: Interrupts;
}

/** How a run hears Ctrl-C (SIGINT) from its process, only while it listens. */
export interface Interrupts {
  /** Calls `handler` on each Ctrl-C until the returned function is called. */
  on(handler: () => void): () => void;
  /** Ends the process at once with `code` (a second Ctrl-C). */
  exitNow(code: ExitCode): void;
}

/** Exit codes of the `factory` command (DESIGN.md, "the command line"). */
export const EXIT = {
  ok: 0,
  /** Not shipped: a gate, trap or budget stopped the run, or a patch block failed. */
  notShipped: 1,
  /** Usage or configuration error: nothing was run. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected end other than success: runCli prints the message to stderr and exits with the code. */
export class CommandFailed extends Error {
  constructor(
    message: string,
    readonly code: ExitCode = EXIT.notShipped,
  ) {
    super(message);
  }
}

/** A usage or configuration problem found before anything ran (exit 2). */
export class UsageError extends CommandFailed {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}
