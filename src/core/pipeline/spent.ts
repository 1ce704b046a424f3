/** What a run has spent so far, from its journal: answered calls and failed attempts that were charged. */
import type { Journalled } from './journal/events';

export function spentUsd(events: readonly Journalled[]): number {
  let usd = 0;
  for (const e of events) {
    if (e.type === 'effect.done' && e.kind === 'call') usd += numberField(e.result, 'usd');
    if (e.type === 'note' && e.topic === 'failedAttempt') usd += numberField(e.data, 'usd');
  }
  return usd;
}

function numberField(v: unknown, field: string): number {
  if (typeof v !== 'object' || v === null) return 0;
  const n = (v as Record<string, unknown>)[field];
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}
