// Google Gemini (genai SDK): POST /v1beta/models/{model}:generateContent, or :streamGenerateContent
// with ?alt=sse. Stream frames: one `data:` response per chunk, usage as running totals, finishReason
// only on the last; there is no end marker, so a stream without finishReason ended early.
import type { JsonObject } from '../json';
import type { Completion } from '../script';
import { sse } from './frames';
import { firstUserText } from './messages';
import type { ProtocolCall, WireProtocol } from './types';

const PATH = /^\/v1(?:beta|alpha)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

function usageMetadata(c: Completion, output: number): JsonObject {
  const { input, cached } = c.usage;
  return {
    promptTokenCount: input,
    candidatesTokenCount: output,
    totalTokenCount: input + output,
    ...(cached > 0 && { cachedContentTokenCount: cached }), // the real API omits it when nothing was cached
  };
}

function response(call: ProtocolCall, text: string, finished: boolean, usage: JsonObject): JsonObject {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finished && { finishReason: 'STOP' }), index: 0 }],
    usageMetadata: usage,
    modelVersion: call.model,
    responseId: 'resp_fake',
  };
}

function status(code: number): string {
  if (code === 429) return 'RESOURCE_EXHAUSTED';
  if (code === 401 || code === 403) return 'PERMISSION_DENIED';
  if (code === 404) return 'NOT_FOUND';
  if (code === 503) return 'UNAVAILABLE';
  return code >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT';
}

export const gemini: WireProtocol = {
  name: 'gemini',
  streamContentType: 'text/event-stream',
  preambleFrames: 0,
  recognise: (method, path, body) => {
    const m = method === 'POST' ? PATH.exec(path) : null;
    return m ? { body, model: decodeURIComponent(m[1] ?? ''), stream: m[2] === 'streamGenerateContent' } : null;
  },
  firstUserText: (body) => {
    const contents = body['contents'];
    // The SDK sends contents[] of {role, parts}; a bare string is accepted too.
    return typeof contents === 'string' ? contents : firstUserText(contents, 'parts', true);
  },
  complete: (c, call) => response(call, c.text, true, usageMetadata(c, c.usage.output)),
  frames: (c, call) =>
    c.chunks.map((text, i) => {
      const last = i === c.chunks.length - 1;
      return sse(response(call, text, last, usageMetadata(c, last ? c.usage.output : Math.min(i + 1, c.usage.output))));
    }),
  error: (code, message) => ({ error: { code, message, status: status(code) } }),
};
