/**
 * The failures a model call can end in, each with a plain sentence that names the provider, the
 * model and the role, so a person can act on it without reading a stack trace.
 */
import type { ProviderId } from '../config/roles';
import type { CallRole, Usage } from './types';

export type FailureKind =
  | 'auth'
  | 'bad_request'
  | 'not_found'
  | 'rate_limit'
  | 'server'
  | 'network'
  | 'timeout'
  | 'stalled'
  | 'truncated'
  | 'cancelled'
  | 'budget'
  | 'missing_key'
  | 'config';

/** Worth another request: the next one may well succeed. The rest fail at once. */
const RETRYABLE: ReadonlySet<FailureKind> = new Set(['rate_limit', 'server', 'network', 'timeout', 'stalled', 'truncated']);

export function isRetryable(kind: FailureKind): boolean {
  return RETRYABLE.has(kind);
}

/** What was called: named in every message. */
export interface CallContext {
  readonly provider: ProviderId;
  /** How people call the provider, e.g. `Anthropic`, `DeepSeek (OpenAI-compatible)`. */
  readonly label: string;
  readonly model: string;
  readonly role: CallRole;
}

/** The facts of one failure, before they are put into words. */
export interface Failure {
  readonly kind: FailureKind;
  readonly status?: number;
  /** From a retry-after header, when the provider sent one. */
  readonly retryAfterMs?: number;
  /** The provider's own message, or the network error's, when there is one. */
  readonly detail?: string;
  /** Tokens the provider reported for the attempt before it failed: paid for, though no answer came. */
  readonly usage?: Usage;
  /** Characters of answer received before it failed: the tokens are estimated from them when none were reported. */
  readonly receivedChars?: number;
}

function sentence(f: Failure, c: CallContext): string {
  const { label, role } = c;
  const code = f.status !== undefined ? `${f.status}; ` : '';
  const where = `(${code}model ${c.model})`;
  switch (f.kind) {
    case 'auth':
      if (f.status === 401) return `${label} rejected the key for role ${role} ${where}`;
      return f.status === 403
        ? `${label} refused access for role ${role} ${where}: the key is not allowed to use this model`
        : `${label} refused access for role ${role} ${where}`;
    case 'bad_request':
      return `${label} refused the request for role ${role} as invalid ${where}`;
    case 'not_found':
      return `${label} does not know model "${c.model}" for role ${role} ${where}; check the model name and the base URL`;
    case 'rate_limit':
      return `${label} is rate-limiting role ${role} ${where}`;
    case 'server':
      return `${label} had a server error answering role ${role} ${where}`;
    case 'network':
      return `The connection to ${label} failed for role ${role} ${where}`;
    case 'timeout':
      return `${label} did not answer in time for role ${role} ${where}`;
    case 'stalled':
      return `${label} stopped sending mid-answer for role ${role} ${where}; the idle watchdog ended the call`;
    case 'truncated':
      return `${label}'s answer for role ${role} ended before its end marker ${where}, so it is incomplete`;
    case 'cancelled':
      return `The call to ${label} for role ${role} was cancelled ${where}`;
    case 'budget':
    case 'missing_key':
    case 'config':
      return `${label} cannot be called for role ${role} ${where}`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class ProviderError extends Error {
  readonly kind: FailureKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly usage: Usage | undefined;
  readonly receivedChars: number | undefined;
  readonly context: CallContext;

  /** `message` replaces the standard sentence (budget, missing key and configuration say more). */
  constructor(failure: Failure, context: CallContext, message?: string) {
    const detail = failure.detail ? `: ${failure.detail}` : '';
    super(message ?? `${capitalise(sentence(failure, context))}${detail}`);
    this.name = 'ProviderError';
    this.kind = failure.kind;
    this.status = failure.status;
    this.retryAfterMs = failure.retryAfterMs;
    this.usage = failure.usage;
    this.receivedChars = failure.receivedChars;
    this.context = context;
  }

  get retryable(): boolean {
    return isRetryable(this.kind);
  }

  /** The same failure with more said about it (attempts made, fallbacks tried, what to do). */
  withNote(note: string): ProviderError {
    return this.withMessage(`${this.message.replace(/\.$/, '')}. ${note}`);
  }

  /** The same failure told differently (e.g. with every model of the chain that failed before it). */
  withMessage(message: string): ProviderError {
    return new ProviderError({ kind: this.kind, status: this.status, retryAfterMs: this.retryAfterMs, usage: this.usage, receivedChars: this.receivedChars }, this.context, message);
  }
}
