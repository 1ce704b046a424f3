/**
 * Google Gemini through @google/genai (the older @google/generative-ai is deprecated by Google).
 * Gemini caches long prompt prefixes implicitly, so the stable part simply goes first.
 */
import { AdapterFailure, type AdapterCall, type AdapterEvent, type ErrorFacts, type ProviderAdapter } from './adapter';
import { errorMessage } from './errorBody';
import { messageText } from './messages';
import type { StopReason, Usage } from './types';

type GenAiSdk = typeof import('@google/genai', { with: { 'resolution-mode': 'import' } });

let loading: Promise<GenAiSdk> | undefined;
let sdk: GenAiSdk | undefined;

/** Loaded on the first call, never at activation; the bundle maps this to dist/sdk/genai.js. */
function load(): Promise<GenAiSdk> {
  loading ??= import('@google/genai').then((m) => (sdk = m));
  return loading;
}

interface RawUsage {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

interface RawChunk {
  candidates?: { content?: { parts?: { text?: string; thought?: boolean }[] }; finishReason?: string }[];
  usageMetadata?: RawUsage;
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
}

/** Thinking tokens are billed as output, so they count as output here. */
function usageOf(u: RawUsage): Usage {
  return {
    input: u.promptTokenCount ?? 0,
    output: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0),
    cached: u.cachedContentTokenCount ?? 0,
    cacheWrite: 0,
  };
}

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT']);

function stopReasonOf(reason: string): StopReason {
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  return FILTERED.has(reason) ? 'filtered' : 'other';
}

/** The answer's text, without thought summaries. */
function textOf(chunk: RawChunk): string {
  const parts = chunk.candidates?.[0]?.content?.parts ?? [];
  return parts.map((p) => (p.text && !p.thought ? p.text : '')).join('');
}

function checkPrompt(chunk: RawChunk): void {
  const blocked = chunk.promptFeedback?.blockReason;
  if (blocked) throw new AdapterFailure({ kind: 'bad_request', detail: `the prompt was blocked (${blocked}) ${chunk.promptFeedback?.blockReasonMessage ?? ''}`.trim() });
}

export function geminiParams(call: Pick<AdapterCall, 'model' | 'request' | 'maxTokens' | 'temperature' | 'signal'>) {
  const { system, messages } = call.request;
  return {
    model: call.model,
    contents: messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: messageText(m) }] })),
    config: {
      ...(system && { systemInstruction: system }),
      ...(call.maxTokens !== undefined && { maxOutputTokens: call.maxTokens }),
      ...(call.temperature !== undefined && { temperature: call.temperature }),
      abortSignal: call.signal,
    },
  };
}

async function* open(call: AdapterCall): AsyncGenerator<AdapterEvent> {
  const { GoogleGenAI } = await load();
  // No retryOptions: genai does not retry unless asked, and the gateway is the one retry layer.
  const ai = new GoogleGenAI({ apiKey: call.apiKey, vertexai: false, ...(call.baseUrl && { httpOptions: { baseUrl: call.baseUrl } }) });
  const params = geminiParams(call);
  if (!call.stream) {
    const r: RawChunk = await ai.models.generateContent(params);
    checkPrompt(r);
    yield { type: 'delta', text: textOf(r) };
    const reason = r.candidates?.[0]?.finishReason ?? '';
    yield { type: 'done', stopReason: stopReasonOf(reason), providerStopReason: reason, usage: r.usageMetadata ? usageOf(r.usageMetadata) : null };
    return;
  }
  let reason: string | undefined;
  let usage: Usage | null = null;
  for await (const chunk of await ai.models.generateContentStream(params)) {
    const c: RawChunk = chunk;
    checkPrompt(c);
    reason = c.candidates?.[0]?.finishReason ?? reason;
    const text = textOf(c);
    if (text) yield { type: 'delta', text };
    if (c.usageMetadata) {
      usage = usageOf(c.usageMetadata); // running totals: the last one counts
      yield { type: 'usage', usage };
    } else if (!text) yield { type: 'alive' };
  }
  // Gemini streams have no end marker: finishReason on the last chunk is the only proof of a whole answer.
  if (reason !== undefined) yield { type: 'done', stopReason: stopReasonOf(reason), providerStopReason: reason, usage };
}

function errorFacts(err: unknown): ErrorFacts | undefined {
  if (!sdk || !(err instanceof sdk.ApiError)) return undefined;
  return { status: err.status, detail: errorMessage(err.message) };
}

export const googleAdapter: ProviderAdapter = { id: 'google', open, errorFacts };
