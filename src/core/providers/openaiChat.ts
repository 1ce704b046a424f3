/**
 * OpenAI Chat Completions: OpenAI's models that do not need the Responses API, and every
 * OpenAI-compatible service (Kimi, Qwen, DeepSeek, OpenRouter, LM Studio, vLLM).
 */
import type { AdapterCall, AdapterEvent, ProviderAdapter } from './adapter';
import { messageText } from './messages';
import { openAiClient, openAiErrorFacts } from './openaiClient';
import type { StopReason, Usage } from './types';

/** Token counts as OpenAI sends them, plus the fields some compatible services use for cache hits. */
interface RawUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  prompt_cache_hit_tokens?: number; // DeepSeek
  cached_tokens?: number; // Moonshot
}

function usageOf(u: RawUsage): Usage {
  const cached = u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens ?? u.cached_tokens ?? 0;
  return { input: u.prompt_tokens ?? 0, output: u.completion_tokens ?? 0, cached, cacheWrite: 0 };
}

function stopReasonOf(reason: string | null | undefined): StopReason {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return reason === 'content_filter' ? 'filtered' : 'other';
}

export interface ChatFlavour {
  /** OpenAI wants max_completion_tokens (reasoning models refuse max_tokens); many compatible servers know only max_tokens. */
  readonly tokenParam: 'max_completion_tokens' | 'max_tokens';
}

/** System first, then the turns: the stable part leads, so prefix caching hits. */
export function chatMessages(call: Pick<AdapterCall, 'request'>) {
  const { system, messages } = call.request;
  return [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    ...messages.map((m) => ({ role: m.role, content: messageText(m) })),
  ];
}

async function* openChat(call: AdapterCall, flavour: ChatFlavour): AsyncGenerator<AdapterEvent> {
  const client = await openAiClient(call);
  const body = {
    model: call.model,
    messages: chatMessages(call),
    ...(call.maxTokens !== undefined && { [flavour.tokenParam]: call.maxTokens }),
    ...(call.temperature !== undefined && { temperature: call.temperature }),
  };
  if (!call.stream) {
    const r = await client.chat.completions.create({ ...body, stream: false }, { signal: call.signal });
    const choice = r.choices[0];
    yield { type: 'delta', text: choice?.message.content ?? '' };
    const reason = choice?.finish_reason ?? '';
    yield { type: 'done', stopReason: stopReasonOf(reason), providerStopReason: reason, usage: r.usage ? usageOf(r.usage) : null };
    return;
  }
  const chunks = await client.chat.completions.create(
    { ...body, stream: true, stream_options: { include_usage: true } },
    { signal: call.signal },
  );
  let finish: string | null = null;
  let usage: Usage | null = null;
  for await (const chunk of chunks) {
    const choice = chunk.choices[0];
    if (chunk.usage) {
      usage = usageOf(chunk.usage);
      yield { type: 'usage', usage };
    }
    if (choice?.finish_reason) finish = choice.finish_reason;
    const text = choice?.delta?.content;
    yield text ? { type: 'delta', text } : { type: 'alive' };
  }
  // [DONE] is invisible through the SDK; the finish_reason chunk is the terminal event we can see.
  if (finish !== null) yield { type: 'done', stopReason: stopReasonOf(finish), providerStopReason: finish, usage };
}

export function chatAdapter(id: 'openai' | 'openai-compatible', flavour: ChatFlavour): ProviderAdapter {
  return { id, open: (call) => openChat(call, flavour), errorFacts: openAiErrorFacts };
}
