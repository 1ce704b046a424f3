/**
 * What differs between the coding CLIs run as providers: how each is called (its flags) and how its
 * output is read. Everything else (the process, its folder, its environment, errors a user can act
 * on) is shared: cliAdapter.ts.
 */
import type { CliProviderId } from '../../config/roles';
import type { AdapterEvent } from '../adapter';

/** How the CLI's process ended. */
export interface CliExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The end of what it printed on standard error (its own messages: "please log in", a crash). */
  readonly stderr: string;
}

/** Reads one run's standard output. */
export interface CliParser {
  /** One line of standard output: the events it carries (a delta, or `alive`). */
  line(text: string): AdapterEvent[];
  /** After the process ended: the last events (the answer if not streamed, then `done`), or throws an AdapterFailure. */
  end(exit: CliExit): AdapterEvent[];
}

export interface CliDialect {
  readonly id: CliProviderId;
  /** The executable looked up on PATH when no cliPaths entry names one. */
  readonly command: string;
  /** How a person installs it. */
  readonly install: string;
  /** How a person logs it in, said after its own "not logged in" message. */
  readonly login: string;
  /** Whether it prints the answer as it is written (else one delta at the end). */
  readonly streams: boolean;
  /**
   * Variables of the CLI's own subscription login that stay in its environment (every other
   * variable that may hold a credential is taken out: cliEnv.ts).
   */
  readonly ownLogin: readonly string[];
  /**
   * Its argv, prompt excluded (the prompt goes on standard input: argv is readable by every user
   * through `ps`). `model` undefined: the CLI's own default.
   */
  args(model: string | undefined, stream: boolean): string[];
  parser(stream: boolean): CliParser;
}
