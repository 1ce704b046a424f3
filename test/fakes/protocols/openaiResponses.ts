// OpenAI Responses API: POST /v1/responses. Stream frames are typed events with a sequence number:
// response.created, response.output_item.added, response.content_part.added, one
// response.output_text.delta per chunk, output_text.done, content_part.done, output_item.done,
// and the terminal response.completed, which carries the usage.
import { asString, type JsonObject } from '../json';
import type { Completion } from '../script';
import { sse, unixSeconds } from './frames';
import { firstUserText } from './messages';
import { openAiError } from './openaiChat';
import type { ProtocolCall, WireProtocol } from './types';

const ITEM_ID = 'msg_fake';

function outputItem(text: string, status: string): JsonObject {
  return { type: 'message', id: ITEM_ID, status, role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
}

function response(c: Completion, call: ProtocolCall, done: boolean): JsonObject {
  const { input, output, cached } = c.usage;
  return {
    id: 'resp_fake',
    object: 'response',
    created_at: unixSeconds(),
    status: done ? 'completed' : 'in_progress',
    model: call.model,
    output: done ? [outputItem(c.text, 'completed')] : [],
    error: null,
    incomplete_details: null,
    usage: done
      ? {
          input_tokens: input,
          input_tokens_details: { cached_tokens: cached },
          output_tokens: output,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: input + output,
        }
      : null,
  };
}

export const openAiResponses: WireProtocol = {
  name: 'openai-responses',
  streamContentType: 'text/event-stream',
  preambleFrames: 3,
  recognise: (method, path, body) =>
    method === 'POST' && path === '/v1/responses'
      ? { body, model: asString(body['model']) ?? 'gpt-fake', stream: body['stream'] === true }
      : null,
  firstUserText: (body) => asString(body['input']) ?? firstUserText(body['input'], 'content'),
  complete: (c, call) => response(c, call, true),
  frames: (c, call) => {
    let seq = 0;
    const event = (type: string, fields: JsonObject) => sse({ type, sequence_number: seq++, ...fields }, type);
    const at = { item_id: ITEM_ID, output_index: 0, content_index: 0 };
    const part = (text: string) => ({ type: 'output_text', text, annotations: [] });
    return [
      event('response.created', { response: response(c, call, false) }),
      event('response.output_item.added', { output_index: 0, item: { ...outputItem('', 'in_progress'), content: [] } }),
      event('response.content_part.added', { ...at, part: part('') }),
      ...c.chunks.map((delta) => event('response.output_text.delta', { ...at, delta, logprobs: [] })),
      event('response.output_text.done', { ...at, text: c.text, logprobs: [] }),
      event('response.content_part.done', { ...at, part: part(c.text) }),
      event('response.output_item.done', { output_index: 0, item: outputItem(c.text, 'completed') }),
      event('response.completed', { response: response(c, call, true) }),
    ];
  },
  error: openAiError,
};
