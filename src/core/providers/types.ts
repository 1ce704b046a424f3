/**
 * The one interface every role uses to talk to its model: a call takes a role, a request, options
 * and an AbortSignal, and yields text deltas followed by exactly one final record.
 */
import type { ProviderId, Role } from '../config/roles';

/**
 * One paragraph of a message. `cache` marks the end of a stable prefix (rules, blueprint) that is
 * the same across calls: providers that need explicit cache markers (Anthropic) get one there.
 */
export interface TextPart {
  readonly text: string;
  readonly cache?: boolean;
}

export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  /** A string, or paragraphs; paragraphs are joined with a blank line where a provider takes plain text. */
  readonly content: string | readonly TextPart[];
}

export interface ChatRequest {
  /** The stable instructions (role, rules, protocol); sent first, so provider prompt caches hit. */
  readonly system?: string;
  /** The first user message carries the `DaC-Context:` line (DAC.md). */
  readonly messages: readonly ChatMessage[];
}

export interface CallOptions {
  /** The run's signal: aborting it stops the call, in flight or waiting. */
  readonly signal?: AbortSignal;
  /** Default true. False asks for the whole answer at once (still delivered as one delta, then final). */
  readonly stream?: boolean;
  readonly maxTokens?: number;
  readonly temperature?: number;
}

/** What a call is made for: a role of the run, or `chat` for a one-off call from the CLI. */
export type CallRole = Role | 'chat';

/** Token counts with one meaning for every provider: `input` counts ALL prompt tokens, cached ones included. */
export interface Usage {
  readonly input: number;
  readonly output: number;
  /** Prompt tokens read from the provider's cache (part of `input`). */
  readonly cached: number;
  /** Prompt tokens written to the cache (part of `input`; only Anthropic reports them). */
  readonly cacheWrite: number;
}

export const NO_USAGE: Usage = { input: 0, output: 0, cached: 0, cacheWrite: 0 };

/** Why the model stopped: `length` means it hit the token limit, so the reply is cut short. */
export type StopReason = 'stop' | 'length' | 'filtered' | 'other';

/**
 * USD, with where the price came from; null when no price is known (tokens are still counted).
 * `estimated`: the model has a price but its server reported no token counts, so the cost is that
 * price applied to `tokens`, counted from the characters sent and received (tokenEstimate.ts).
 * `subscription`: a coding CLI the user pays for by subscription (claude-code, codex, gemini-cli):
 * nothing is charged per call, so $0, and the budget does not count it.
 */
export type Cost =
  | { readonly usd: number; readonly source: 'table' | 'settings' | 'local' | 'subscription' }
  | { readonly usd: number; readonly source: 'estimated'; readonly tokens: Usage }
  | { readonly usd: null; readonly source: 'unknown' };

export interface CallRecord {
  readonly text: string;
  readonly stopReason: StopReason;
  /** The provider's own word for it, e.g. `end_turn`, `MAX_TOKENS`. */
  readonly providerStopReason: string;
  readonly usage: Usage;
  /** False when the provider sent no token counts (some OpenAI-compatible servers). */
  readonly usageReported: boolean;
  readonly cost: Cost;
  /** From the start of the request that succeeded to its last byte. */
  readonly latencyMs: number;
  /** Requests made for this call, retries and fallbacks included. */
  readonly attempts: number;
  readonly role: CallRole;
  /** The provider and model that answered (after any fallback). */
  readonly provider: ProviderId;
  readonly model: string;
}

/**
 * `restart`: a retry or fallback produced a different text than what was already streamed, so the
 * text received so far is void and the reply starts over. Replays of identical text are not sent twice.
 */
export type StreamEvent =
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'restart'; readonly reason: string }
  | { readonly type: 'final'; readonly record: CallRecord };

/** One model a call may go to: a role's primary or one of its fallbacks. */
export interface ModelTarget {
  readonly provider: ProviderId;
  readonly model: string;
  readonly baseUrl?: string;
  readonly apiKeyEnv?: string;
}
