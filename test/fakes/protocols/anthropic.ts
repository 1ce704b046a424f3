// Anthropic Messages API: POST /v1/messages, SSE with named events when `stream: true`.
// Frames: message_start, content_block_start, ping, content_block_delta per chunk, content_block_stop,
// message_delta (stop reason, final usage), message_stop.
import { asString, type JsonObject } from '../json';
import type { Completion } from '../script';
import { sse } from './frames';
import { firstUserText } from './messages';
import type { ProtocolCall, WireProtocol } from './types';

// Anthropic's input_tokens leaves out the tokens read from or written to the cache.
function usage(c: Completion, outputTokens = c.usage.output): JsonObject {
  const { input, cached, cacheWrite } = c.usage;
  return {
    input_tokens: Math.max(0, input - cached - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cached,
    output_tokens: outputTokens,
  };
}

function message(call: ProtocolCall, text: string | null, u: JsonObject): JsonObject {
  return {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model: call.model,
    content: text === null ? [] : [{ type: 'text', text }],
    stop_reason: text === null ? null : 'end_turn',
    stop_sequence: null,
    usage: u,
  };
}

function errorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status === 529) return 'overloaded_error';
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

export const anthropic: WireProtocol = {
  name: 'anthropic',
  streamContentType: 'text/event-stream',
  preambleFrames: 3,
  recognise: (method, path, body) =>
    method === 'POST' && path === '/v1/messages'
      ? { body, model: asString(body['model']) ?? 'claude-fake', stream: body['stream'] === true }
      : null,
  firstUserText: (body) => firstUserText(body['messages'], 'content'),
  complete: (c, call) => message(call, c.text, usage(c)),
  frames: (c, call) => [
    // The real API reports input in message_start and output so far (1); message_delta has the totals.
    sse({ type: 'message_start', message: message(call, null, usage(c, 1)) }, 'message_start'),
    sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
    sse({ type: 'ping' }, 'ping'),
    ...c.chunks.map((text) =>
      sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, 'content_block_delta'),
    ),
    sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
    sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: usage(c) }, 'message_delta'),
    sse({ type: 'message_stop' }, 'message_stop'),
  ],
  error: (status, message) => ({ type: 'error', error: { type: errorType(status), message }, request_id: 'req_fake' }),
};
