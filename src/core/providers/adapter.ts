/**
 * What one provider file implements: open a request with its official SDK and report the raw
 * progress. Retries, the watchdog, fallbacks, concurrency and accounting are the gateway's, once,
 * for every provider; an adapter never retries (the SDKs' own retries are turned off).
 */
import type { ProviderId } from '../config/roles';
import type { Failure } from './errors';
import type { ChatRequest, ModelTarget, StopReason, Usage } from './types';

export interface AdapterCall {
  readonly model: string;
  /** The endpoint; undefined means the SDK's default. */
  readonly baseUrl: string | undefined;
  /** Undefined when the endpoint needs none (a local server). */
  readonly apiKey: string | undefined;
  readonly request: ChatRequest;
  readonly stream: boolean;
  readonly maxTokens: number | undefined;
  readonly temperature: number | undefined;
  /** Aborts the HTTP request: the run's cancel and the idle watchdog both go through it. */
  readonly signal: AbortSignal;
}

export type AdapterEvent =
  /** A frame arrived that carries no text (a ping, a role chunk): the stream is alive. */
  | { readonly type: 'alive' }
  | { readonly type: 'delta'; readonly text: string }
  /**
   * Token counts the provider reported before its end (totals so far: the last one counts). Sent
   * as soon as they arrive, so an attempt that breaks later is still charged what it cost.
   */
  | { readonly type: 'usage'; readonly usage: Usage }
  /**
   * The protocol's terminal event arrived (message_stop, finish_reason, response.completed,
   * finishReason, done). An adapter yields it only then: a stream that ends without it was cut short.
   */
  | {
      readonly type: 'done';
      readonly stopReason: StopReason;
      readonly providerStopReason: string;
      readonly usage: Usage | null;
    };

/** Facts about an error that only the SDK's own classes can reveal (checked with instanceof). */
export interface ErrorFacts {
  readonly status?: number;
  readonly headers?: { get(name: string): string | null | undefined };
  /** No response in the SDK's own time limit. */
  readonly timeout?: boolean;
  /** The connection failed or broke. */
  readonly connection?: boolean;
  /** The stream ended without its terminal event and the SDK said so by throwing. */
  readonly truncated?: boolean;
  /** The SDK's own error without an HTTP status (e.g. an error event inside the stream). */
  readonly sdkError?: boolean;
  /** The provider's message, extracted from its error body. */
  readonly detail?: string;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  /**
   * False when the provider gives the whole answer at once, never piece by piece (a coding CLI
   * without a streaming format): the call is then watched as a non-streamed one (attempt.ts).
   */
  readonly canStream?: boolean;
  /** Why this model cannot be called on this machine (e.g. its executable is missing), found before any request. */
  preflight?(target: ModelTarget): string | undefined;
  /** Loads the SDK on first use (never at activation) and runs one request. */
  open(call: AdapterCall): AsyncIterable<AdapterEvent>;
  /** Undefined when the error is not one of this SDK's. */
  errorFacts(err: unknown): ErrorFacts | undefined;
}

/**
 * Thrown by an adapter for a failure the protocol reports inside a successful response (an error
 * event in the stream, a blocked prompt): the facts are already known, nothing to classify.
 */
export class AdapterFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.detail ?? failure.kind);
    this.name = 'AdapterFailure';
  }
}
