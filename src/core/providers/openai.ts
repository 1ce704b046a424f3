/** OpenAI: Chat Completions by default, the Responses API for the models that need it. */
import type { ProviderAdapter } from './adapter';
import { needsResponsesApi } from './openaiApi';
import { chatAdapter } from './openaiChat';
import { openAiErrorFacts } from './openaiClient';
import { openResponses } from './openaiResponses';

const chat = chatAdapter('openai', { tokenParam: 'max_completion_tokens' });

export const openAiAdapter: ProviderAdapter = {
  id: 'openai',
  open: (call) => (needsResponsesApi(call.model) ? openResponses(call) : chat.open(call)),
  errorFacts: openAiErrorFacts,
};

/** Kimi, Qwen, DeepSeek, OpenRouter, LM Studio, vLLM, ...: the chat protocol at their own base URL. */
export const openAiCompatibleAdapter: ProviderAdapter = chatAdapter('openai-compatible', { tokenParam: 'max_tokens' });
