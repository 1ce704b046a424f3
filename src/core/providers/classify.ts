/**
 * Turns whatever a call threw into a Failure, by HTTP status and instanceof only: error class names
 * change when the SDKs are bundled (`RateLimitError4`, or one letter when minified).
 */
import { AdapterFailure, type ErrorFacts } from './adapter';
import type { Failure, FailureKind } from './errors';
import { retryAfterMs } from './retry';

/** What the gateway itself knows about why a request ended. */
export interface EndState {
  /** The run's signal aborted. */
  readonly cancelled: boolean;
  /** The idle watchdog aborted the request. */
  readonly stalled: boolean;
}

export function kindOfStatus(status: number): FailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limit';
  if (status === 409 || status >= 500) return 'server'; // 409: a conflict the provider resolves on its own
  return status >= 400 ? 'bad_request' : 'server';
}

const NETWORK_CODES = /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/; // ECONNRESET, EPIPE, ETIMEDOUT, UND_ERR_SOCKET, ...

function errnoCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
  const code = value.code;
  return typeof code === 'string' && NETWORK_CODES.test(code) ? code : undefined;
}

/** Node's fetch reports a broken or refused connection as a TypeError whose cause carries the code. */
function networkDetail(err: unknown): string | undefined {
  const own = errnoCode(err);
  if (own) return `${own}${err instanceof Error ? `: ${err.message}` : ''}`;
  if (err instanceof TypeError && err.cause !== undefined) {
    const code = errnoCode(err.cause);
    if (code) return `${err.message} (${code}${err.cause instanceof Error ? `: ${err.cause.message}` : ''})`;
  }
  return undefined;
}

/** The Failure, or undefined when the error is none of the expected ones (a bug: it is rethrown). */
export function classify(err: unknown, facts: ErrorFacts | undefined, end: EndState): Failure | undefined {
  if (end.cancelled) return { kind: 'cancelled' };
  if (end.stalled) return { kind: 'stalled' };
  if (err instanceof AdapterFailure) return err.failure;
  const detail = facts?.detail;
  if (facts?.status !== undefined) {
    return { kind: kindOfStatus(facts.status), status: facts.status, retryAfterMs: retryAfterMs(facts.headers), detail };
  }
  if (facts?.timeout) return { kind: 'timeout', detail };
  if (facts?.truncated) return { kind: 'truncated', detail };
  const network = networkDetail(err);
  if (facts?.connection || network) return { kind: 'network', detail: network ?? detail };
  if (facts?.sdkError) return { kind: 'server', detail };
  return undefined;
}
