/** Ollama through the `ollama` package: a local server by default, a hosted one with a key. */
import { OLLAMA_DEFAULT_HOST } from '../config/modelIdentity';
import type { AdapterCall, AdapterEvent, ErrorFacts, ProviderAdapter } from './adapter';
import { messageText } from './messages';
import type { StopReason, Usage } from './types';

type OllamaSdk = typeof import('ollama', { with: { 'resolution-mode': 'import' } });

let loading: Promise<OllamaSdk> | undefined;

/** Loaded on the first call, never at activation; the bundle maps this to dist/sdk/ollama.js. */
function load(): Promise<OllamaSdk> {
  loading ??= import('ollama');
  return loading;
}

export { OLLAMA_DEFAULT_HOST } from '../config/modelIdentity';

function stopReasonOf(reason: string | undefined): StopReason {
  if (reason === 'stop') return 'stop';
  return reason === 'length' ? 'length' : 'other';
}

/** Ollama reports no cached tokens. */
function usageOf(r: { prompt_eval_count?: number; eval_count?: number }): Usage {
  return { input: r.prompt_eval_count ?? 0, output: r.eval_count ?? 0, cached: 0, cacheWrite: 0 };
}

export function ollamaMessages(call: Pick<AdapterCall, 'request'>): { role: string; content: string }[] {
  const { system, messages } = call.request;
  return [...(system ? [{ role: 'system', content: system }] : []), ...messages.map((m) => ({ role: m.role, content: messageText(m) }))];
}

async function* open(call: AdapterCall): AsyncGenerator<AdapterEvent> {
  const { Ollama } = await load();
  const client = new Ollama({
    host: call.baseUrl ?? OLLAMA_DEFAULT_HOST,
    ...(call.apiKey && { headers: { Authorization: `Bearer ${call.apiKey}` } }),
    // Ollama takes no per-call signal and never times out by itself: a fetch that also listens to ours.
    fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([call.signal, init.signal]) : call.signal }),
  });
  const options = {
    ...(call.maxTokens !== undefined && { num_predict: call.maxTokens }),
    ...(call.temperature !== undefined && { temperature: call.temperature }),
  };
  const base = { model: call.model, messages: ollamaMessages(call), options };
  if (!call.stream) {
    const r = await client.chat({ ...base, stream: false });
    yield { type: 'delta', text: r.message.content };
    yield { type: 'done', stopReason: stopReasonOf(r.done_reason), providerStopReason: r.done_reason ?? '', usage: usageOf(r) };
    return;
  }
  for await (const part of await client.chat({ ...base, stream: true })) {
    const text = part.message?.content;
    yield text ? { type: 'delta', text } : { type: 'alive' };
    if (part.done) {
      yield { type: 'done', stopReason: stopReasonOf(part.done_reason), providerStopReason: part.done_reason ?? '', usage: usageOf(part) };
      return;
    }
  }
}

/**
 * ollama does not export its ResponseError; it is the Error with a numeric `status_code`. A stream
 * that ends without `done: true` makes the SDK throw a plain Error saying so.
 */
function errorFacts(err: unknown): ErrorFacts | undefined {
  if (!(err instanceof Error)) return undefined;
  if ('status_code' in err && typeof err.status_code === 'number') {
    const detail = 'error' in err && typeof err.error === 'string' ? err.error : err.message;
    return { status: err.status_code, detail };
  }
  if (/did not receive done/i.test(err.message)) return { truncated: true, detail: err.message };
  return undefined;
}

export const ollamaAdapter: ProviderAdapter = { id: 'ollama', open, errorFacts };
