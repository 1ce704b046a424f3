/**
 * A CLI's failure as one of the gateway's failure kinds, so retries and fallbacks behave as for the
 * API providers: logged out = `auth` (the next model takes over, with how to log in), a usage or rate
 * limit = `rate_limit`, an unknown model = `not_found`, a crash or an unexplained exit = `server`
 * (retried, then the next model), an exit without the result = `truncated`.
 */
import type { Failure, FailureKind } from '../errors';
import type { Usage } from '../types';
import type { CliDialect, CliExit } from './dialect';

const RATE = /rate.?limit|usage limit|limit reached|limit exceeded|quota|too many requests|\b429\b|resource.?exhausted/i;
const NOT_FOUND = /model.{0,60}(not found|not exist|does not exist|not available|not supported|unknown|invalid)|(unknown|invalid|unsupported) model|\b404\b/i;
// The CLIs say "login"/"log in"/"auth" when logged out (README of the reference).
const AUTH = /log ?in\b|login|logged out|auth|unauthori[sz]ed|api key|credential|\b401\b|\b403\b/i;

/** The CLI's own words, shortened to what a person reads in one go. */
export function shortMessage(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const joined = lines.slice(-6).join(' ');
  return joined.length > 600 ? `…${joined.slice(-600)}` : joined;
}

/** The kind a CLI's message names, or `fallback` when it names none. */
export function kindOfMessage(message: string, fallback: FailureKind): FailureKind {
  if (RATE.test(message)) return 'rate_limit';
  if (NOT_FOUND.test(message)) return 'not_found';
  if (AUTH.test(message)) return 'auth';
  return fallback;
}

/** The Failure for what the CLI said, with how to log in when it says it is not. */
export function messageFailure(dialect: CliDialect, message: string, fallback: FailureKind, usage?: Usage): Failure {
  const kind = kindOfMessage(message, fallback);
  return withKind(dialect, kind, message, usage);
}

export function withKind(dialect: CliDialect, kind: FailureKind, message: string, usage?: Usage): Failure {
  const said = shortMessage(message) || `${dialect.command} gave no reason`;
  const detail = kind === 'auth' ? `${said.replace(/[.\s]+$/, '')}. To log in: ${dialect.login}` : said;
  return { kind, detail, ...(usage && { usage }) };
}

/**
 * The process ended without the result its output format promises: a crash (killed by a signal it
 * did not get from us: ours are seen as cancelled or stalled first), an exit code with its message,
 * or exit 0 with the answer missing.
 */
export function exitFailure(dialect: CliDialect, exit: CliExit, said: string): Failure {
  const message = shortMessage(said || exit.stderr);
  if (exit.signal) return { kind: 'server', detail: `${dialect.command} crashed (signal ${exit.signal})${message ? `: ${message}` : ''}` };
  if (exit.code === 0) return { kind: 'truncated', detail: `${dialect.command} exited without its result${message ? `: ${message}` : ''}` };
  const failure = messageFailure(dialect, message, 'server');
  return { ...failure, detail: `${dialect.command} exited with code ${String(exit.code)}: ${failure.detail ?? ''}` };
}
