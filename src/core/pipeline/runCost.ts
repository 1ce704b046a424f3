/** What a run cost, from its journal: dollars, and the calls whose price nobody knew. */
import type { Journalled } from './journal/events';
import { spentUsd } from './spent';

export interface RunCost {
  usd: number;
  calls: number;
  unpriced: number;
}

export function runCost(events: readonly Journalled[]): RunCost {
  const calls = events.filter((e) => e.type === 'effect.done' && e.kind === 'call');
  const unpriced = calls.filter((e) => e.type === 'effect.done' && typeof e.result === 'object' && e.result !== null && (e.result as { usd?: unknown }).usd === null);
  return { usd: spentUsd(events), calls: calls.length, unpriced: unpriced.length };
}

export function costText(c: RunCost): string {
  // Scripted and cheap runs cost fractions of a cent: four decimals below a dollar.
  const usd = `$${c.usd.toFixed(c.usd < 1 ? 4 : 2)}`;
  return c.unpriced ? `${usd} + ${c.unpriced} call${c.unpriced === 1 ? '' : 's'} of unknown price` : usd;
}
