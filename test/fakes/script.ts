// What a test scripts: replies (text, usage, or a fault) and routes that pick a reply by DaC-Context.
import type { DacContext } from './dacContext';

/**
 * Token counts, one meaning for every protocol; each protocol reports them in its own shape.
 * `input` counts ALL prompt tokens, cached ones included (as OpenAI and Gemini report them);
 * Anthropic's `input_tokens` is then `input - cached - cacheWrite`, as the real API reports it.
 */
export interface Usage {
  input?: number; // default 10
  output?: number; // default 5
  cached?: number; // prompt tokens read from cache; default 0
  cacheWrite?: number; // prompt tokens written to cache (only Anthropic reports them); default 0
}

/**
 * One answer. Without `status` >= 400 or a fault it is a success carrying `text`.
 * Faults count FRAMES: a stream's SSE events / NDJSON lines (each protocol documents its preamble:
 * `preambleFrames`); a non-streaming answer is one frame. `n` = frames sent before the fault, so 0 means
 * right after the headers; `n` = all frames means the fault replaces the clean end.
 */
export interface Reply {
  text?: string;
  /** How `text` is split into stream deltas; default: word by word. Joined, they become `text` if unset. */
  chunks?: string[];
  usage?: Usage;
  /** An HTTP error answered in the protocol's own error body. */
  status?: number;
  /** The message inside that error body. */
  error?: string;
  /** Extra response headers, e.g. `{ 'retry-after': '2' }`. */
  headers?: Record<string, string>;
  /** Destroy the socket after n frames (the SDK sees `terminated`). */
  cutAfter?: number;
  /** Send n frames, then nothing; the connection stays open until the client leaves or the fake is reset. */
  stallAfter?: number;
  /** End the response cleanly after n frames: no terminal event. */
  endAfter?: number;
  /** Never answer, not even headers. */
  hang?: boolean;
  /** Reset the connection before any response byte. */
  destroy?: boolean;
  /** Pause before each frame (a non-streaming or error answer waits before its headers). */
  delayMs?: number;
}

/** A script the fake cannot follow (answered 400 over /__fake/). */
export class ScriptError extends Error {}

/** A string is shorthand for `{ text }`. */
export type ReplyLike = string | Reply;

/** Fields a route requires of the request's DaC-Context; absent fields match anything. */
export type RouteMatch = Partial<Pick<DacContext, 'run' | 'role' | 'step' | 'expect' | 'task' | 'repair'>>;

/**
 * Answers requests whose DaC-Context matches. `replies` are used in order, one per matching request
 * (first attempt, then repair=1, ...). `times` caps how often the route answers: default `replies.length`,
 * or unlimited for a single `reply`; past the list's end the last reply repeats.
 */
export interface Route {
  match: RouteMatch;
  reply?: ReplyLike;
  replies?: ReplyLike[];
  times?: number;
}

/** A success as the protocols render it: every field settled. */
export interface Completion {
  readonly text: string;
  readonly chunks: readonly string[];
  readonly usage: Readonly<Required<Usage>>;
}

export function toReply(r: ReplyLike): Reply {
  return typeof r === 'string' ? { text: r } : r;
}

export function toCompletion(r: Reply): Completion {
  const text = r.text ?? r.chunks?.join('') ?? '';
  // Word by word keeps the trailing space on each piece, so the pieces join back into `text`.
  const chunks = r.chunks ?? text.split(/(?<= )/);
  return {
    text,
    chunks: chunks.length > 0 ? chunks : [''],
    usage: { input: 10, output: 5, cached: 0, cacheWrite: 0, ...r.usage },
  };
}
