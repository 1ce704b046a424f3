/**
 * A budget can only stop what it can count: with `limits.budgetUsd` set, a model without a known
 * price is never called. A role's own model without one stops the run before it starts; a fallback
 * without one is passed over when needed (a warning before the run). The gateway checks again before
 * a model's first request.
 */
import type { ConfigProblem, FactoryConfig } from '../config/resolve';
import { ROLES } from '../config/roles';
import { usd } from './budget';
import { loadPriceDatabase, type PriceDatabase } from './priceDatabase';
import { lookupPrice, priceKey, type PricedModel, type PriceTable } from './pricing';

export interface UnpricedModel {
  /** Where the model is chosen, e.g. `roles.qc` or `roles.ceo.fallbacks.0`. */
  readonly setting: string;
  readonly model: PricedModel;
}

export type PriceCheckConfig = Pick<FactoryConfig, 'roles' | 'providers' | 'limits'>;

/** Every model of every role (and fallback) whose price is neither in settings, the database, nor free. */
export function unpricedModels(config: Pick<FactoryConfig, 'roles' | 'providers'>, database: PriceDatabase): UnpricedModel[] {
  const prices: PriceTable = config.providers.prices;
  return ROLES.flatMap((role) => {
    const settings = config.roles[role];
    const chain = [{ setting: `roles.${role}`, model: settings }, ...settings.fallbacks.map((f, i) => ({ setting: `roles.${role}.fallbacks.${i}`, model: f }))];
    return chain
      .filter(({ model }) => lookupPrice(model, prices, database).source === 'unknown')
      .map(({ setting, model }) => ({ setting, model: { provider: model.provider, model: model.model, ...(model.baseUrl && { baseUrl: model.baseUrl }) } }));
  });
}

/** What to do about a model without a price: the setting that gives one, ready to copy, or no budget. */
export function priceAdvice(model: PricedModel, budgetUsd: number): string {
  const key = JSON.stringify(priceKey(model));
  return (
    `so the run budget (limits.budgetUsd, ${usd(budgetUsd)}) could not count what it spends. ` +
    `Give its price in USD per million tokens in providers.prices of your own configuration (a workspace may set no price, nor loosen the budget), e.g. ` +
    `"providers": { "prices": { ${key}: { "input": <USD per million input tokens>, "output": <USD per million output tokens> } } }, ` +
    `or set "limits": { "budgetUsd": null } to run without a budget.`
  );
}

/**
 * The check a run makes before it starts: one problem per role model without a price (naming every
 * setting that uses it), none when the run has no budget. A fallback without a price is not one:
 * the gateway passes it over (fallbackPreflight warns about it), so the budget still counts every call.
 */
export async function budgetPreflight(config: PriceCheckConfig): Promise<ConfigProblem[]> {
  const budget = config.limits.budgetUsd;
  if (budget === null) return [];
  const unpriced = unpricedModels(config, await loadPriceDatabase()).filter((u) => !u.setting.includes('.fallbacks.'));
  const byKey = new Map<string, UnpricedModel[]>();
  for (const u of unpriced) byKey.set(priceKey(u.model), [...(byKey.get(priceKey(u.model)) ?? []), u]);
  return [...byKey.entries()].map(([key, uses]) => {
    const [first, ...others] = uses as [UnpricedModel, ...UnpricedModel[]];
    const also = others.length ? ` (also ${others.map((o) => o.setting).join(', ')})` : '';
    return { path: first.setting, message: `${key}${also} has no known price, ${priceAdvice(first.model, budget)}` };
  });
}
