/** What a call cost: the price table, overridden by settings, applied to its usage. */
import type { ProviderId } from '../config/roles';
import { isLoopback } from './presets';
import { PRICES, type ModelPrice } from './prices';
import type { Cost, Usage } from './types';

export type PriceTable = Readonly<Record<string, ModelPrice>>;

export type PriceLookup = { price: ModelPrice; source: 'table' | 'settings' } | { price: null; source: 'local' | 'unknown' };

// Dated or versioned snapshots cost what their family costs: claude-sonnet-4-5-20250929, gpt-5-2025-08-07.
const SNAPSHOT = /-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/;

function find(table: PriceTable, keys: readonly string[]): ModelPrice | undefined {
  for (const key of keys) {
    const hit = Object.hasOwn(table, key) ? table[key] : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** A model on this machine (Ollama, LM Studio, vLLM) costs nothing per token. */
function isLocal(provider: ProviderId, baseUrl: string | undefined): boolean {
  if (provider === 'ollama') return baseUrl === undefined || isLoopback(baseUrl);
  return provider === 'openai-compatible' && isLoopback(baseUrl);
}

export function lookupPrice(provider: ProviderId, model: string, baseUrl: string | undefined, overrides: PriceTable = {}): PriceLookup {
  const family = model.replace(SNAPSHOT, '');
  const names = family === model ? [model] : [model, family];
  const fromSettings = find(overrides, [...names.map((n) => `${provider}:${n}`), ...names]);
  if (fromSettings) return { price: fromSettings, source: 'settings' };
  if (isLocal(provider, baseUrl)) return { price: null, source: 'local' };
  const fromTable = find(PRICES, names);
  return fromTable ? { price: fromTable, source: 'table' } : { price: null, source: 'unknown' };
}

export function costOf(usage: Usage, lookup: PriceLookup, usageReported = true): Cost {
  if (lookup.source === 'local') return { usd: 0, source: 'local' };
  if (!lookup.price) return { usd: null, source: 'unknown' };
  if (!usageReported) return { usd: null, source: 'no-usage' };
  const p = lookup.price;
  const fresh = Math.max(0, usage.input - usage.cached - usage.cacheWrite);
  const micro = fresh * p.input + usage.cached * (p.cached ?? p.input) + usage.cacheWrite * (p.cacheWrite ?? p.input) + usage.output * p.output;
  return { usd: micro / 1_000_000, source: lookup.source };
}
