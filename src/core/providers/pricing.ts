/**
 * What a call cost: `providers.prices` from settings first, then the price database, applied to its
 * usage. Only models that run on this machine are free; anything else without a price is unknown,
 * never a guessed cost.
 */
import { modelFamily } from '../config/modelIdentity';
import { isCliProvider, type ProviderId } from '../config/roles';
import { findPreset, isLoopback } from './presets';
import type { ListPrice, PriceDatabase } from './priceDatabase';
import type { Cost, Usage } from './types';

/** USD per million tokens, as `providers.prices` gives them. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  /** Prompt tokens read from cache; defaults to `input` when none is given (no discount assumed). */
  readonly cached?: number;
  /** Prompt tokens written to cache; defaults to `input`. */
  readonly cacheWrite?: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

export interface PricedModel {
  readonly provider: ProviderId;
  readonly model: string;
  readonly baseUrl?: string;
}

export type PriceLookup =
  | { readonly source: 'settings'; readonly price: ModelPrice }
  | { readonly source: 'table'; readonly price: ListPrice }
  | { readonly source: 'local' | 'subscription' | 'unknown' };


// Ollama's cloud models (`gpt-oss:120b-cloud`, `kimi-k2:1t-cloud`) run on Ollama's servers, through the local one.
const OLLAMA_CLOUD = /[:-]cloud$/;

function find(table: PriceTable, keys: readonly string[]): ModelPrice | undefined {
  for (const key of keys) {
    const hit = Object.hasOwn(table, key) ? table[key] : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Free: a model computed on this machine by a keyless local server (Ollama, or the LM Studio and
 * vLLM presets). Any other endpoint on loopback may be a proxy to a paid API, so it is priced like
 * any other.
 */
export function isLocalModel({ provider, model, baseUrl }: PricedModel): boolean {
  if (provider === 'ollama') return (baseUrl === undefined || isLoopback(baseUrl)) && !OLLAMA_CLOUD.test(model);
  if (provider !== 'openai-compatible') return false;
  const preset = findPreset(baseUrl);
  return preset !== undefined && !preset.keyRequired && isLoopback(baseUrl);
}

/** The key `providers.prices` takes for a model, in the form that cannot be mistaken for another provider's. */
export function priceKey(m: PricedModel): string {
  return `${m.provider}:${m.model}`;
}

export function lookupPrice(m: PricedModel, overrides: PriceTable, database: PriceDatabase): PriceLookup {
  // Paid for by the user's subscription, not per token: never priced, whatever a table says.
  if (isCliProvider(m.provider)) return { source: 'subscription' };
  // Dated or versioned snapshots cost what their family costs.
  const family = modelFamily(m.model);
  const names = family === m.model ? [m.model] : [m.model, family];
  const fromSettings = find(overrides, [...names.map((n) => `${m.provider}:${n}`), ...names]);
  if (fromSettings) return { source: 'settings', price: fromSettings };
  if (isLocalModel(m)) return { source: 'local' };
  const listed = database.find(m.provider, m.model, m.baseUrl);
  return listed ? { source: 'table', price: listed } : { source: 'unknown' };
}

function costFromSettings(usage: Usage, p: ModelPrice): number {
  const fresh = Math.max(0, usage.input - usage.cached - usage.cacheWrite);
  const micro = fresh * p.input + usage.cached * (p.cached ?? p.input) + usage.cacheWrite * (p.cacheWrite ?? p.input) + usage.output * p.output;
  return micro / 1_000_000;
}

/**
 * The cost of `usage` at the looked-up price. `reported` false: the provider sent no counts and
 * `usage` is an estimate (tokenEstimate.ts), so a priced model's cost is marked `estimated`.
 */
export function costOf(usage: Usage, lookup: PriceLookup, reported = true): Cost {
  switch (lookup.source) {
    case 'local':
      return { usd: 0, source: 'local' };
    case 'subscription':
      return { usd: 0, source: 'subscription' };
    case 'unknown':
      return { usd: null, source: 'unknown' };
    case 'settings': {
      const usd = costFromSettings(usage, lookup.price);
      return reported ? { usd, source: 'settings' } : { usd, source: 'estimated', tokens: usage };
    }
    case 'table': {
      const usd = lookup.price.cost(usage);
      return reported ? { usd, source: 'table' } : { usd, source: 'estimated', tokens: usage };
    }
  }
}
