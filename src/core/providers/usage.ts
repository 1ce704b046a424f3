/**
 * Tokens and cost per call, per role and per run: what the dashboard, the report and the budget read.
 * Attempts that failed after the provider reported tokens count too: they were paid for.
 */
import type { ProviderId } from '../config/roles';
import type { FailureKind } from './errors';
import type { CallRecord, CallRole, Cost, Usage } from './types';

/** An attempt that failed after its provider reported tokens for it: paid for, with no answer. */
export interface FailedAttempt {
  readonly role: CallRole;
  readonly provider: ProviderId;
  readonly model: string;
  readonly usage: Usage;
  readonly cost: Cost;
  readonly failure: FailureKind;
}

export interface UsageTotals {
  /** Calls answered. */
  readonly calls: number;
  /** Attempts that failed after the provider reported tokens; their tokens and cost are in the sums. */
  readonly failedAttempts: number;
  readonly input: number;
  readonly output: number;
  readonly cached: number;
  readonly cacheWrite: number;
  /** Sum of the entries with a known cost. */
  readonly usd: number;
  /** Calls and failed attempts whose model has no known price: `usd` leaves them out. */
  readonly unpriced: number;
  /** Calls and failed attempts priced from estimated tokens (no counts reported): in `usd`. */
  readonly estimated: number;
}

export const ZERO_TOTALS: UsageTotals = { calls: 0, failedAttempts: 0, input: 0, output: 0, cached: 0, cacheWrite: 0, usd: 0, unpriced: 0, estimated: 0 };

type Entry = { readonly kind: 'call'; readonly record: CallRecord } | { readonly kind: 'failed'; readonly attempt: FailedAttempt };

function plus(t: UsageTotals, e: Entry): UsageTotals {
  const { usage, cost } = e.kind === 'call' ? e.record : e.attempt;
  return {
    calls: t.calls + (e.kind === 'call' ? 1 : 0),
    failedAttempts: t.failedAttempts + (e.kind === 'failed' ? 1 : 0),
    input: t.input + usage.input,
    output: t.output + usage.output,
    cached: t.cached + usage.cached,
    cacheWrite: t.cacheWrite + usage.cacheWrite,
    usd: t.usd + (cost.usd ?? 0),
    unpriced: t.unpriced + (cost.usd === null ? 1 : 0),
    estimated: t.estimated + (cost.source === 'estimated' ? 1 : 0),
  };
}

/** The run's ledger; a resumed run starts it from what the journal recorded (`spentBefore`). */
export class UsageLedger {
  private readonly records: CallRecord[] = [];
  private readonly failures: FailedAttempt[] = [];
  private run: UsageTotals;
  private readonly roles = new Map<CallRole, UsageTotals>();

  constructor(spentBefore = 0) {
    this.run = { ...ZERO_TOTALS, usd: spentBefore };
  }

  add(record: CallRecord): void {
    this.records.push(record);
    this.count(record.role, { kind: 'call', record });
  }

  addFailed(attempt: FailedAttempt): void {
    this.failures.push(attempt);
    this.count(attempt.role, { kind: 'failed', attempt });
  }

  private count(role: CallRole, entry: Entry): void {
    this.run = plus(this.run, entry);
    this.roles.set(role, plus(this.roles.get(role) ?? ZERO_TOTALS, entry));
  }

  get spentUsd(): number {
    return this.run.usd;
  }

  total(): UsageTotals {
    return this.run;
  }

  byRole(): ReadonlyMap<CallRole, UsageTotals> {
    return new Map(this.roles);
  }

  calls(): readonly CallRecord[] {
    return [...this.records];
  }

  failedAttempts(): readonly FailedAttempt[] {
    return [...this.failures];
  }
}
