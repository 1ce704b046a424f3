// Ollama: POST /api/chat. Streams unless `stream: false` (Ollama's own default is true), as NDJSON:
// one line per chunk with done: false, then a final line with done: true and the counts.
// Ollama reports no cached tokens.
import { asString, type JsonObject } from '../json';
import type { Completion } from '../script';
import { ndjson } from './frames';
import { firstUserText } from './messages';
import type { ProtocolCall, WireProtocol } from './types';

function line(call: ProtocolCall, content: string): JsonObject {
  return { model: call.model, created_at: new Date().toISOString(), message: { role: 'assistant', content }, done: false };
}

function final(c: Completion, call: ProtocolCall, content: string): JsonObject {
  return {
    ...line(call, content),
    done: true,
    done_reason: 'stop',
    total_duration: 1_000_000,
    load_duration: 1_000,
    prompt_eval_count: c.usage.input,
    prompt_eval_duration: 100_000,
    eval_count: c.usage.output,
    eval_duration: 500_000,
  };
}

export const ollama: WireProtocol = {
  name: 'ollama',
  streamContentType: 'application/x-ndjson',
  preambleFrames: 0,
  recognise: (method, path, body) =>
    method === 'POST' && path === '/api/chat'
      ? { body, model: asString(body['model']) ?? 'ollama-fake', stream: body['stream'] !== false }
      : null,
  firstUserText: (body) => firstUserText(body['messages'], 'content'),
  complete: (c, call) => final(c, call, c.text),
  frames: (c, call) => [...c.chunks.map((t) => ndjson(line(call, t))), ndjson(final(c, call, ''))],
  error: (_status, message) => ({ error: message }),
};
