/** What the CLI touches of its process, passed in so tests can run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
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

/** A usage or configuration problem found before anything ran. */
export class UsageError extends Error {}
