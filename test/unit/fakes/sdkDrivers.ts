// The real provider SDKs, each wrapped the same small way, so one suite can check every protocol of
// the fake through the client that will really talk to it. SDK retries are off: tests count requests.
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import type { ProtocolName } from '../../fakes/protocols';

/** Usage as a provider layer would normalise it: input counts cached tokens too. */
export interface SeenUsage {
  input: number;
  output: number;
  cached: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  onText?: (text: string) => void;
}

export interface StreamResult {
  text: string;
  usage: SeenUsage | null;
  /** The protocol's terminal event arrived (message_stop, finish_reason, response.completed, finishReason, done). */
  terminal: boolean;
}

export interface SdkDriver {
  readonly protocol: ProtocolName;
  /** The protocol reports cached prompt tokens (Ollama does not). */
  readonly reportsCached: boolean;
  /** The SDK hands response headers to the caller on an error (genai and ollama do not). */
  readonly errorHeaders: boolean;
  /** A clean but early end finishes the stream without an error (ollama throws instead). */
  readonly quietEarlyEnd: boolean;
  /** Aborting mid-stream just ends the iteration (Anthropic and OpenAI swallow the AbortError). */
  readonly quietAbort: boolean;
  complete(url: string, prompt: string, opts?: CallOptions): Promise<{ text: string; usage: SeenUsage }>;
  stream(url: string, prompt: string, opts?: CallOptions): Promise<StreamResult>;
  status(err: unknown): number | undefined;
  header(err: unknown, name: string): string | null | undefined;
}

const user = (content: string) => [{ role: 'user' as const, content }];

const anthropic = (url: string) => new Anthropic({ apiKey: 'k', baseURL: url, maxRetries: 0 });
const openai = (url: string) => new OpenAI({ apiKey: 'k', baseURL: `${url}/v1`, maxRetries: 0 });
// @google/genai is ESM-only for TypeScript here (type: module), so it is loaded with import().
type GenAiModule = typeof import('@google/genai', { with: { 'resolution-mode': 'import' } });
let genaiModule: GenAiModule | undefined;
async function genai(url: string) {
  genaiModule ??= await import('@google/genai');
  return new genaiModule.GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: url } });
}
// Ollama takes no per-call signal: a fetch that also listens to ours gives it one.
const ollama = (url: string, signal?: AbortSignal) =>
  new Ollama({
    host: url,
    fetch: (input, init) => fetch(input, { ...init, signal: signal && init?.signal ? AbortSignal.any([signal, init.signal]) : (signal ?? init?.signal) }),
  });

function anthropicUsage(u: { input_tokens?: number | null; output_tokens?: number; cache_read_input_tokens?: number | null; cache_creation_input_tokens?: number | null }): SeenUsage {
  const cached = u.cache_read_input_tokens ?? 0;
  return { input: (u.input_tokens ?? 0) + cached + (u.cache_creation_input_tokens ?? 0), output: u.output_tokens ?? 0, cached };
}

const stainlessStatus = (err: unknown) => (err instanceof Anthropic.APIError || err instanceof OpenAI.APIError ? err.status : undefined);
const stainlessHeader = (err: unknown, name: string) =>
  err instanceof Anthropic.APIError || err instanceof OpenAI.APIError ? err.headers?.get(name) : undefined;

export const anthropicDriver: SdkDriver = {
  protocol: 'anthropic',
  reportsCached: true,
  errorHeaders: true,
  quietEarlyEnd: true,
  quietAbort: true,
  async complete(url, prompt, opts = {}) {
    const msg = await anthropic(url).messages.create({ model: 'claude-x', max_tokens: 100, messages: user(prompt) }, { signal: opts.signal });
    const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    return { text, usage: anthropicUsage(msg.usage) };
  },
  async stream(url, prompt, opts = {}) {
    const events = await anthropic(url).messages.create({ model: 'claude-x', max_tokens: 100, messages: user(prompt), stream: true }, { signal: opts.signal });
    const r: StreamResult = { text: '', usage: null, terminal: false };
    for await (const ev of events) {
      if (ev.type === 'message_start') r.usage = anthropicUsage(ev.message.usage);
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') {
        r.text += ev.delta.text;
        opts.onText?.(ev.delta.text);
      }
      if (ev.type === 'message_delta') r.usage = anthropicUsage(ev.usage);
      if (ev.type === 'message_stop') r.terminal = true;
    }
    return r;
  },
  status: stainlessStatus,
  header: stainlessHeader,
};

export const openAiChatDriver: SdkDriver = {
  protocol: 'openai-chat',
  reportsCached: true,
  errorHeaders: true,
  quietEarlyEnd: true,
  quietAbort: true,
  async complete(url, prompt, opts = {}) {
    const r = await openai(url).chat.completions.create({ model: 'gpt-x', messages: user(prompt) }, { signal: opts.signal });
    const u = r.usage;
    return {
      text: r.choices[0]?.message.content ?? '',
      usage: { input: u?.prompt_tokens ?? 0, output: u?.completion_tokens ?? 0, cached: u?.prompt_tokens_details?.cached_tokens ?? 0 },
    };
  },
  async stream(url, prompt, opts = {}) {
    const chunks = await openai(url).chat.completions.create(
      { model: 'gpt-x', messages: user(prompt), stream: true, stream_options: { include_usage: true } },
      { signal: opts.signal },
    );
    const r: StreamResult = { text: '', usage: null, terminal: false };
    for await (const chunk of chunks) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) {
        r.text += choice.delta.content;
        opts.onText?.(choice.delta.content);
      }
      if (choice?.finish_reason) r.terminal = true;
      const u = chunk.usage;
      if (u) r.usage = { input: u.prompt_tokens, output: u.completion_tokens, cached: u.prompt_tokens_details?.cached_tokens ?? 0 };
    }
    return r;
  },
  status: stainlessStatus,
  header: stainlessHeader,
};

export const openAiResponsesDriver: SdkDriver = {
  protocol: 'openai-responses',
  reportsCached: true,
  errorHeaders: true,
  quietEarlyEnd: true,
  quietAbort: true,
  async complete(url, prompt, opts = {}) {
    const r = await openai(url).responses.create({ model: 'gpt-x', input: prompt }, { signal: opts.signal });
    const u = r.usage;
    return {
      text: r.output_text,
      usage: { input: u?.input_tokens ?? 0, output: u?.output_tokens ?? 0, cached: u?.input_tokens_details.cached_tokens ?? 0 },
    };
  },
  async stream(url, prompt, opts = {}) {
    const events = await openai(url).responses.create({ model: 'gpt-x', input: prompt, stream: true }, { signal: opts.signal });
    const r: StreamResult = { text: '', usage: null, terminal: false };
    for await (const ev of events) {
      if (ev.type === 'response.output_text.delta') {
        r.text += ev.delta;
        opts.onText?.(ev.delta);
      }
      if (ev.type === 'response.completed') {
        r.terminal = true;
        const u = ev.response.usage;
        if (u) r.usage = { input: u.input_tokens, output: u.output_tokens, cached: u.input_tokens_details.cached_tokens };
      }
    }
    return r;
  },
  status: stainlessStatus,
  header: stainlessHeader,
};

function geminiUsage(m: { promptTokenCount?: number; candidatesTokenCount?: number; cachedContentTokenCount?: number } | undefined): SeenUsage {
  return { input: m?.promptTokenCount ?? 0, output: m?.candidatesTokenCount ?? 0, cached: m?.cachedContentTokenCount ?? 0 };
}

export const geminiDriver: SdkDriver = {
  protocol: 'gemini',
  reportsCached: true,
  errorHeaders: false,
  quietEarlyEnd: true,
  quietAbort: false,
  async complete(url, prompt, opts = {}) {
    const r = await (await genai(url)).models.generateContent({ model: 'gemini-x', contents: prompt, config: { abortSignal: opts.signal } });
    return { text: r.text ?? '', usage: geminiUsage(r.usageMetadata) };
  },
  async stream(url, prompt, opts = {}) {
    const chunks = await (await genai(url)).models.generateContentStream({ model: 'gemini-x', contents: prompt, config: { abortSignal: opts.signal } });
    const r: StreamResult = { text: '', usage: null, terminal: false };
    for await (const chunk of chunks) {
      const t = chunk.text;
      if (t) {
        r.text += t;
        opts.onText?.(t);
      }
      if (chunk.candidates?.[0]?.finishReason) r.terminal = true;
      if (chunk.usageMetadata) r.usage = geminiUsage(chunk.usageMetadata); // running totals: the last one counts
    }
    return r;
  },
  status: (err) => (genaiModule && err instanceof genaiModule.ApiError ? err.status : undefined),
  header: () => undefined,
};

export const ollamaDriver: SdkDriver = {
  protocol: 'ollama',
  reportsCached: false,
  errorHeaders: false,
  quietEarlyEnd: false,
  quietAbort: false,
  async complete(url, prompt, opts = {}) {
    const r = await ollama(url, opts.signal).chat({ model: 'llama-x', messages: user(prompt), stream: false });
    return { text: r.message.content, usage: { input: r.prompt_eval_count, output: r.eval_count, cached: 0 } };
  },
  async stream(url, prompt, opts = {}) {
    const parts = await ollama(url, opts.signal).chat({ model: 'llama-x', messages: user(prompt), stream: true });
    const r: StreamResult = { text: '', usage: null, terminal: false };
    for await (const part of parts) {
      if (part.message.content) {
        r.text += part.message.content;
        opts.onText?.(part.message.content);
      }
      if (part.done) {
        r.terminal = true;
        r.usage = { input: part.prompt_eval_count, output: part.eval_count, cached: 0 };
      }
    }
    return r;
  },
  // ResponseError is not exported by ollama; it carries `status_code`.
  status: (err) => (err instanceof Error && 'status_code' in err && typeof err.status_code === 'number' ? err.status_code : undefined),
  header: () => undefined,
};

export const DRIVERS: readonly SdkDriver[] = [anthropicDriver, openAiChatDriver, openAiResponsesDriver, geminiDriver, ollamaDriver];
