/**
 * Tokens and cost per role, from the journal: every answered call (effect.done of kind `call`, its
 * role from the matching effect.start) and every failed attempt that was charged. report.md's cost
 * table and the dashboard both read these sums, so they cannot disagree.
 */
import type { Journalled } from '../journal/events';
import { isRecord, num } from './md';
import type { RunNote } from './runNotes';

export interface RoleTotals {
  calls: number;
  repairs: number;
  failedAttempts: number;
  input: number;
  output: number;
  cached: number;
  /** Calls whose provider sent no token counts. */
  tokensUnknown: number;
  usd: number;
  /** Calls and failed attempts without a known price. */
  usdUnknown: number;
  /** Calls and failed attempts priced from estimated tokens (no counts reported), and their part of `usd`. */
  estimated: number;
  usdEstimated: number;
  /** Calls and failed attempts on a coding CLI by subscription: $0 in `usd`, shown as "subscription". */
  subscription: number;
}

export const blankTotals = (): RoleTotals => ({ calls: 0, repairs: 0, failedAttempts: 0, input: 0, output: 0, cached: 0, tokensUnknown: 0, usd: 0, usdUnknown: 0, estimated: 0, usdEstimated: 0, subscription: 0 });

/** The role of each call effect, by its key (from the effect.start detail, or its DaC-Context line). */
export function callRoles(events: readonly Journalled[]): Map<string, string> {
  const roleOf = new Map<string, string>();
  for (const e of events) {
    if (e.type !== 'effect.start' || e.kind !== 'call' || !isRecord(e.detail)) continue;
    const role = typeof e.detail.role === 'string' ? e.detail.role : /role=(\S+)/.exec(String(e.detail.context ?? ''))?.[1];
    if (role) roleOf.set(e.key, role);
  }
  return roleOf;
}

/** The totals of each role that was called, in the order roles were first charged. */
export function roleTotals(events: readonly Journalled[], notes: readonly RunNote[]): Map<string, RoleTotals> {
  const roleOf = callRoles(events);
  const roles = new Map<string, RoleTotals>();
  const of = (role: string): RoleTotals => {
    let t = roles.get(role);
    if (!t) roles.set(role, (t = blankTotals()));
    return t;
  };
  const seen = new Set<string>();
  for (const e of events) {
    if (e.type !== 'effect.done' || e.kind !== 'call' || seen.has(e.key) || !isRecord(e.result)) continue;
    seen.add(e.key);
    const t = of(roleOf.get(e.key) ?? 'unknown');
    t.calls++;
    if (e.key.includes('#repair')) t.repairs++;
    if (e.result.usageReported === false) t.tokensUnknown++;
    charge(t, e.result.usageReported === false ? undefined : e.result.usage, e.result.usd, e.result.costSource);
  }
  for (const n of notes.filter((x) => x.topic === 'failedAttempt')) {
    const t = of(typeof n.data.role === 'string' ? n.data.role : 'unknown');
    t.failedAttempts++;
    const source = isRecord(n.data.cost) ? n.data.cost.source : undefined;
    if (source === 'estimated') t.tokensUnknown++;
    charge(t, source === 'estimated' ? undefined : n.data.usage, n.data.usd, source);
  }
  return roles;
}

/** Adds one call's or failed attempt's tokens (when reported) and price (when known; estimated or not) to its role. */
function charge(t: RoleTotals, usage: unknown, usd: unknown, source: unknown): void {
  if (isRecord(usage)) {
    t.input += num(usage.input) ?? 0;
    t.output += num(usage.output) ?? 0;
    t.cached += num(usage.cached) ?? 0;
  }
  const known = num(usd);
  if (known === undefined) t.usdUnknown++;
  else t.usd += known;
  if (source === 'subscription') t.subscription++;
  if (known !== undefined && source === 'estimated') {
    t.estimated++;
    t.usdEstimated += known;
  }
}
