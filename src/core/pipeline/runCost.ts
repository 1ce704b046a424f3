/** What a run cost, from its journal: dollars, and the calls whose price nobody knew. */
import type { Journalled } from './journal/events';
import { spentUsd } from './spent';

export interface RunCost {
  usd: number;
  calls: number;
  unpriced: number;
  /** Answered calls whose cost is estimated (their provider sent no token counts); in `usd`. Absent when none. */
  estimated?: number;
  /** Answered calls on a coding CLI by subscription ($0, not charged per call). Absent when none. */
  subscription?: number;
}

function resultOf(e: Journalled): { usd?: unknown; costSource?: unknown } {
  return e.type === 'effect.done' && typeof e.result === 'object' && e.result !== null ? (e.result as { usd?: unknown; costSource?: unknown }) : {};
}

export function runCost(events: readonly Journalled[]): RunCost {
  const calls = events.filter((e) => e.type === 'effect.done' && e.kind === 'call');
  const unpriced = calls.filter((e) => resultOf(e).usd === null);
  const estimated = calls.filter((e) => resultOf(e).costSource === 'estimated');
  const subscription = calls.filter((e) => resultOf(e).costSource === 'subscription');
  // `estimated` and `subscription` only when there are some: `factory runs --json` rows keep their shape otherwise.
  return {
    usd: spentUsd(events),
    calls: calls.length,
    unpriced: unpriced.length,
    ...(estimated.length > 0 && { estimated: estimated.length }),
    ...(subscription.length > 0 && { subscription: subscription.length }),
  };
}

const callsText = (n: number): string => `${n} call${n === 1 ? '' : 's'}`;

export function costText(c: RunCost): string {
  // Scripted and cheap runs cost fractions of a cent: four decimals below a dollar.
  const usd = `$${c.usd.toFixed(c.usd < 1 ? 4 : 2)}`;
  const estimated = c.estimated ? ` (${callsText(c.estimated)} estimated)` : '';
  const subscription = c.subscription ? ` + ${callsText(c.subscription)} on subscription` : '';
  return `${usd}${estimated}${subscription}${c.unpriced ? ` + ${callsText(c.unpriced)} of unknown price` : ''}`;
}
