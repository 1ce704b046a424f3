/**
 * List prices from a maintained database, @pydantic/genai-prices: its data ships inside the package
 * and is never fetched at run time (we never call its updatePrices). It is ~0.5 MB, so it loads on
 * first use like the SDKs (the bundle maps it to dist/sdk/prices.js), never at activation.
 */
import type { ProviderId } from '../config/roles';
import type { Usage } from './types';

type GenAiPrices = typeof import('@pydantic/genai-prices', { with: { 'resolution-mode': 'import' } });

/** One model's price as the database knows it. */
export interface ListPrice {
  /** The database's name for it, e.g. `anthropic/claude-sonnet-4-5`. */
  readonly id: string;
  /** USD for one call's tokens, with the database's long-prompt tiers and dated prices applied. */
  cost(usage: Usage): number;
}

export interface PriceDatabase {
  /** Undefined when the database does not know the model at that provider (never a guess by name alone). */
  find(provider: ProviderId, model: string, baseUrl: string | undefined): ListPrice | undefined;
}

let loading: Promise<PriceDatabase> | undefined;

export function loadPriceDatabase(): Promise<PriceDatabase> {
  loading ??= import('@pydantic/genai-prices').then(databaseOf);
  return loading;
}

/** The database's provider for ours: by id, or for an OpenAI-compatible service by its base URL. */
function providerIdOf(db: GenAiPrices, provider: ProviderId, baseUrl: string | undefined): string | undefined {
  switch (provider) {
    case 'anthropic':
    case 'openai':
    case 'google':
      return provider;
    case 'openai-compatible':
      return baseUrl === undefined ? undefined : db.findProvider({ providerApiUrl: baseUrl })?.id;
    case 'ollama':
    case 'vscode-lm':
      return undefined;
  }
}

/** Our counts in the database's terms: both count every prompt token in `input`. */
function usageFor(u: Usage): Record<string, number> {
  return { input_tokens: u.input, cache_read_tokens: u.cached, cache_write_tokens: u.cacheWrite, output_tokens: u.output };
}

function databaseOf(db: GenAiPrices): PriceDatabase {
  return {
    find(provider, model, baseUrl) {
      const providerId = providerIdOf(db, provider, baseUrl);
      if (!providerId) return undefined;
      const known = db.calcPrice({}, model, { providerId });
      if (!known) return undefined;
      return {
        id: `${known.provider.id}/${known.model.id}`,
        cost: (usage) => {
          const priced = db.calcPrice(usageFor(usage), model, { providerId });
          if (!priced) throw new Error(`the price database lost ${providerId}/${model} between two lookups`);
          return priced.total_price;
        },
      };
    },
  };
}
