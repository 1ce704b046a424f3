/**
 * What a workspace may set about spending (docs/configuration.md, "What a workspace may set"). The
 * budget is the user's protection against costs that run away, and a workspace comes with its folder
 * (a cloned repository), so, as for keys, only the user's own layers may loosen it:
 *
 * - `providers.prices`: not at all. A price decides what the budget counts (a price of 0 is never
 *   counted, and any price passes the "every model has a price" check).
 * - `limits.budgetUsd`: only to a number no higher than the budget the user's layers give (their
 *   own value, or the default). `null` would remove the budget. When the user has no budget, any
 *   number is a tightening.
 *
 * Reads raw JSON layers, before the schema: a value the schema would refuse is left to it, except
 * that no price of any shape is let through.
 */
import { mergeLayers } from './layers';
import { PROVIDERS } from './roles';
import { limitsSchema } from './schema';

export interface SpendOverride {
  /** Dotted path of the setting, e.g. `providers.prices.openai:gpt-5`, `limits.budgetUsd`. */
  readonly setting: string;
  /** What it would do, e.g. `would raise your budget from $5 to $500`. */
  readonly description: string;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The budget when no layer sets one. */
const DEFAULT_BUDGET = limitsSchema.parse({}).budgetUsd;

/** `$5`, `$0.02`: amounts as the user wrote them. */
export const dollars = (n: number): string => `$${String(n)}`;

function section(raw: unknown, name: string): Json | undefined {
  if (!isObject(raw)) return undefined;
  const value = raw[name];
  return isObject(value) ? value : undefined;
}

/** The model a price key names: `gpt-5` for `openai:gpt-5`; a model's own colon (`qwen2.5-coder:7b`) stays. */
function modelOf(key: string): string {
  const colon = key.indexOf(':');
  return colon > 0 && (PROVIDERS as readonly string[]).includes(key.slice(0, colon)) ? key.slice(colon + 1) : key;
}

function priceDescription(key: string, price: unknown): string {
  const model = modelOf(key);
  if (isObject(price) && typeof price.input === 'number' && typeof price.output === 'number') {
    const cache = [price.cached, price.cacheWrite].filter((v): v is number => typeof v === 'number');
    if (price.input === 0 && price.output === 0 && cache.every((v) => v === 0)) return `would price ${model} at $0, so the budget would not count it`;
    return `would price ${model} at ${dollars(price.input)} input, ${dollars(price.output)} output per million tokens, so the budget would count it at a price the workspace chose`;
  }
  return `would set the price of ${model}, so the budget would count it at a price the workspace chose`;
}

/** Every price a workspace layer sets: each one is refused. */
export function workspacePrices(workspace: unknown): SpendOverride[] {
  const providers = section(workspace, 'providers');
  if (providers === undefined || providers.prices === undefined) return [];
  const { prices } = providers;
  if (!isObject(prices)) return [{ setting: 'providers.prices', description: 'would set the prices the budget counts by' }];
  return Object.entries(prices).map(([key, price]) => ({ setting: `providers.prices.${key}`, description: priceDescription(key, price) }));
}

/** The budget the user's own layers (lowest first) give: the highest that sets it, else the default. `null`: none. */
export function userBudget(user: readonly unknown[]): number | null {
  const value = section(mergeLayers(user.filter(isObject)), 'limits')?.budgetUsd;
  // A value the schema refuses is reported at the user's own file; meanwhile the default stands.
  return typeof value === 'number' || value === null ? value : DEFAULT_BUDGET;
}

/** The workspace layer's `limits.budgetUsd` when it would raise or remove the user's budget. */
export function workspaceBudget(user: readonly unknown[], workspace: unknown): SpendOverride[] {
  const limits = section(workspace, 'limits');
  if (limits === undefined || !('budgetUsd' in limits)) return [];
  const theirs = limits.budgetUsd;
  const yours = userBudget(user);
  if (yours === null) return []; // no budget of the user's to loosen
  if (theirs === null) return [{ setting: 'limits.budgetUsd', description: `would remove your budget of ${dollars(yours)}, so nothing would stop a run's spending` }];
  if (typeof theirs === 'number' && theirs > yours) return [{ setting: 'limits.budgetUsd', description: `would raise your budget from ${dollars(yours)} to ${dollars(theirs)}` }];
  return [];
}

/** Both rules for one workspace layer: its prices, then its budget. */
export function spendOverrides(user: readonly unknown[], workspace: unknown): SpendOverride[] {
  return [...workspacePrices(workspace), ...workspaceBudget(user, workspace)];
}
