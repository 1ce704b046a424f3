/**
 * List prices in USD per million tokens, as the vendors published them on PRICES_AS_OF. Data, not
 * logic: `providers.prices` in settings overrides or extends it. A model missing here is reported
 * with its tokens and "price unknown", never with a guessed cost. Long-context surcharges (Gemini
 * over 200k prompt tokens) and batch discounts are not modelled.
 */

export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  /** Prompt tokens read from cache; defaults to `input` when a vendor gives no discount. */
  readonly cached?: number;
  /** Prompt tokens written to cache (Anthropic, 5-minute cache); defaults to `input`. */
  readonly cacheWrite?: number;
}

export const PRICES_AS_OF = '2025-10-01';

export const PRICES: Readonly<Record<string, ModelPrice>> = {
  // Anthropic
  'claude-opus-4-1': { input: 15, output: 75, cached: 1.5, cacheWrite: 18.75 },
  'claude-opus-4': { input: 15, output: 75, cached: 1.5, cacheWrite: 18.75 },
  // Added 2026-11 (list price since its release in February 2026): the default ceo model.
  'claude-sonnet-4-6': { input: 3, output: 15, cached: 0.3, cacheWrite: 3.75 },
  // End of life 2026-11-30 (the SDK warns when it is used).
  'claude-sonnet-4-5': { input: 3, output: 15, cached: 0.3, cacheWrite: 3.75 },
  'claude-sonnet-4': { input: 3, output: 15, cached: 0.3, cacheWrite: 3.75 },
  'claude-3-7-sonnet': { input: 3, output: 15, cached: 0.3, cacheWrite: 3.75 },
  'claude-haiku-4-5': { input: 1, output: 5, cached: 0.1, cacheWrite: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cached: 0.08, cacheWrite: 1 },
  // OpenAI
  'gpt-5': { input: 1.25, output: 10, cached: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cached: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cached: 0.005 },
  'gpt-5-codex': { input: 1.25, output: 10, cached: 0.125 },
  'gpt-5-pro': { input: 15, output: 120 },
  'gpt-4.1': { input: 2, output: 8, cached: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cached: 0.1 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cached: 0.025 },
  'gpt-4o': { input: 2.5, output: 10, cached: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cached: 0.075 },
  o3: { input: 2, output: 8, cached: 0.5 },
  'o3-pro': { input: 20, output: 80 },
  'o3-mini': { input: 1.1, output: 4.4, cached: 0.55 },
  'o4-mini': { input: 1.1, output: 4.4, cached: 0.275 },
  // Google (prompts up to 200k tokens)
  'gemini-2.5-pro': { input: 1.25, output: 10, cached: 0.31 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cached: 0.075 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cached: 0.025 },
  // OpenAI-compatible services
  'deepseek-chat': { input: 0.28, output: 0.42, cached: 0.028 },
  'deepseek-reasoner': { input: 0.28, output: 0.42, cached: 0.028 },
  'kimi-k2-0905-preview': { input: 0.6, output: 2.5, cached: 0.15 },
};
