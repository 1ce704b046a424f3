/**
 * Token counts estimated from text, for what a provider did not count: a priced call whose server
 * reported no usage is charged the estimate (never $0), and a call reserves its estimate against the
 * budget before it starts. About 4 characters a token, the figure the code map and learnings use.
 */
import { messageText } from './messages';
import type { ChatRequest, Usage } from './types';

export const CHARS_PER_TOKEN = 4;

export function tokensOf(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** The characters a request sends: its system text and every message. */
export function requestChars(request: ChatRequest): number {
  return (request.system?.length ?? 0) + request.messages.reduce((n, m) => n + messageText(m).length, 0);
}

/** The usage of a request that received `replyChars` characters, when the provider said nothing. */
export function estimatedUsage(request: ChatRequest, replyChars: number): Usage {
  return { input: tokensOf(requestChars(request)), output: tokensOf(replyChars), cached: 0, cacheWrite: 0 };
}
