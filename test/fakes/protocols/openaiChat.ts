// OpenAI Chat Completions: POST /v1/chat/completions; the protocol of OpenAI and every
// "OpenAI-compatible" endpoint. Stream frames: a role chunk, one content chunk per text chunk, a
// finish_reason chunk, a usage chunk (choices: []) only with stream_options.include_usage, then [DONE].
import { asString, isObject, type JsonObject } from '../json';
import type { Completion } from '../script';
import { sse, unixSeconds } from './frames';
import { firstUserText } from './messages';
import type { ProtocolCall, WireProtocol } from './types';

const ID = 'chatcmpl-fake';

function usage(c: Completion): JsonObject {
  const { input, output, cached } = c.usage;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input + output,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function includeUsage(body: JsonObject): boolean {
  const options = body['stream_options'];
  return isObject(options) && options['include_usage'] === true;
}

/** OpenAI's error body, shared by Chat Completions and Responses. */
export function openAiError(status: number, message: string): JsonObject {
  const rateLimited = status === 429;
  return {
    error: {
      message,
      type: rateLimited ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error',
      param: null,
      code: rateLimited ? 'rate_limit_exceeded' : null,
    },
  };
}

function chunk(call: ProtocolCall, choices: JsonObject[], withUsage: boolean): JsonObject {
  // With include_usage the real API sends `usage: null` on every chunk but the last.
  return { id: ID, object: 'chat.completion.chunk', created: unixSeconds(), model: call.model, choices, ...(withUsage && { usage: null }) };
}

export const openAiChat: WireProtocol = {
  name: 'openai-chat',
  streamContentType: 'text/event-stream',
  preambleFrames: 1,
  recognise: (method, path, body) =>
    method === 'POST' && path === '/v1/chat/completions'
      ? { body, model: asString(body['model']) ?? 'gpt-fake', stream: body['stream'] === true }
      : null,
  firstUserText: (body) => firstUserText(body['messages'], 'content'),
  complete: (c, call) => ({
    id: ID,
    object: 'chat.completion',
    created: unixSeconds(),
    model: call.model,
    choices: [{ index: 0, message: { role: 'assistant', content: c.text, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: usage(c),
  }),
  frames: (c, call) => {
    const withUsage = includeUsage(call.body);
    const delta = (d: JsonObject, finish: string | null = null) =>
      sse(chunk(call, [{ index: 0, delta: d, finish_reason: finish, logprobs: null }], withUsage));
    const frames = [delta({ role: 'assistant', content: '' }), ...c.chunks.map((content) => delta({ content })), delta({}, 'stop')];
    if (withUsage) frames.push(sse({ ...chunk(call, [], false), usage: usage(c) }));
    frames.push('data: [DONE]\n\n');
    return frames;
  },
  error: openAiError,
};
