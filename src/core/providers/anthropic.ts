/**
 * Anthropic Messages API through @anthropic-ai/sdk. The stable prefix (system prompt, and the parts
 * a caller marks) carries cache_control, so repeated calls read it from Anthropic's prompt cache.
 */
import type { AdapterCall, AdapterEvent, ErrorFacts, ProviderAdapter } from './adapter';
import { causeText, errorMessage } from './errorBody';
import { partsOf } from './messages';
import type { StopReason, Usage } from './types';

type AnthropicSdk = typeof import('@anthropic-ai/sdk', { with: { 'resolution-mode': 'import' } });

let loading: Promise<AnthropicSdk> | undefined;
let sdk: AnthropicSdk | undefined;

/** Loaded on the first call, never at activation; the bundle maps this to dist/sdk/anthropic.js. */
function load(): Promise<AnthropicSdk> {
  loading ??= import('@anthropic-ai/sdk').then((m) => (sdk = m));
  return loading;
}

/** Anthropic requires max_tokens; 8192 is within every current Claude model's output limit. */
const DEFAULT_MAX_TOKENS = 8192;
/** Anthropic allows four cache breakpoints per request. */
const MAX_BREAKPOINTS = 4;
const EPHEMERAL = { type: 'ephemeral' } as const;

interface RawUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/** Anthropic's input_tokens leaves out cache reads and writes; ours counts every prompt token. */
function usageOf(u: RawUsage): Usage {
  const cached = u.cache_read_input_tokens ?? 0;
  const cacheWrite = u.cache_creation_input_tokens ?? 0;
  return { input: (u.input_tokens ?? 0) + cached + cacheWrite, output: u.output_tokens ?? 0, cached, cacheWrite };
}

/** message_delta repeats the counts; a null there means "as in message_start". */
function mergeUsage(start: RawUsage, delta: RawUsage): RawUsage {
  return {
    input_tokens: delta.input_tokens ?? start.input_tokens,
    output_tokens: delta.output_tokens ?? start.output_tokens,
    cache_read_input_tokens: delta.cache_read_input_tokens ?? start.cache_read_input_tokens,
    cache_creation_input_tokens: delta.cache_creation_input_tokens ?? start.cache_creation_input_tokens,
  };
}

function stopReasonOf(reason: string | null | undefined): StopReason {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'stop';
  if (reason === 'max_tokens' || reason === 'model_context_window_exceeded') return 'length';
  return reason === 'refusal' ? 'filtered' : 'other';
}

/** The request body: system first, then the messages, cache markers on the stable prefix. */
export function anthropicBody(call: Pick<AdapterCall, 'model' | 'request' | 'maxTokens' | 'temperature'>) {
  const { system, messages } = call.request;
  const marks = messages.flatMap((m, i) => partsOf(m).flatMap((p, j) => (p.cache ? [`${i}.${j}`] : [])));
  // Keep the latest markers: the longest cached prefix is worth most.
  const kept = new Set(marks.slice(-(MAX_BREAKPOINTS - (system ? 1 : 0))));
  return {
    model: call.model,
    max_tokens: call.maxTokens ?? DEFAULT_MAX_TOKENS,
    ...(call.temperature !== undefined && { temperature: call.temperature }),
    ...(system && { system: [{ type: 'text' as const, text: system, cache_control: EPHEMERAL }] }),
    messages: messages.map((m, i) => ({
      role: m.role,
      content: partsOf(m).map((p, j) => ({ type: 'text' as const, text: p.text, ...(kept.has(`${i}.${j}`) && { cache_control: EPHEMERAL }) })),
    })),
  };
}

async function* open(call: AdapterCall): AsyncGenerator<AdapterEvent> {
  const { Anthropic } = await load();
  // maxRetries 0: the gateway is the one retry layer.
  const client = new Anthropic({ apiKey: call.apiKey ?? null, baseURL: call.baseUrl, maxRetries: 0, timeout: 10 * 60_000 });
  const body = anthropicBody(call);
  if (!call.stream) {
    const msg = await client.messages.create(body, { signal: call.signal });
    yield { type: 'delta', text: msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('') };
    yield { type: 'done', stopReason: stopReasonOf(msg.stop_reason), providerStopReason: msg.stop_reason ?? '', usage: usageOf(msg.usage) };
    return;
  }
  const events = await client.messages.create({ ...body, stream: true }, { signal: call.signal });
  let usage: RawUsage = {};
  let stop: string | null = null;
  let terminal = false;
  for await (const ev of events) {
    if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') {
      yield { type: 'delta', text: ev.delta.text };
      continue;
    }
    if (ev.type === 'message_start' || ev.type === 'message_delta') {
      // message_start already bills the prompt; message_delta has the totals.
      if (ev.type === 'message_start') usage = ev.message.usage;
      else {
        usage = mergeUsage(usage, ev.usage);
        stop = ev.delta.stop_reason;
      }
      yield { type: 'usage', usage: usageOf(usage) };
      continue;
    }
    if (ev.type === 'message_stop') terminal = true;
    yield { type: 'alive' };
  }
  // Without message_stop the stream was cut short: no `done`, and the gateway treats it as a failure.
  if (terminal) yield { type: 'done', stopReason: stopReasonOf(stop), providerStopReason: stop ?? '', usage: usageOf(usage) };
}

function errorFacts(err: unknown): ErrorFacts | undefined {
  if (!sdk || !(err instanceof sdk.APIError)) return undefined;
  if (err instanceof sdk.APIConnectionTimeoutError) return { timeout: true };
  if (err instanceof sdk.APIConnectionError || err instanceof sdk.APIUserAbortError) return { connection: true, detail: causeText(err) };
  if (err.status === undefined) return { sdkError: true, detail: errorMessage(err.error) ?? err.message };
  return { status: err.status, headers: err.headers, detail: errorMessage(err.error) };
}

export const anthropicAdapter: ProviderAdapter = { id: 'anthropic', open, errorFacts };
