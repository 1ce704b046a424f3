/** Tokens and cost per call, per role and per run: what the dashboard, the report and the budget read. */
import type { CallRecord, CallRole } from './types';

export interface UsageTotals {
  readonly calls: number;
  readonly input: number;
  readonly output: number;
  readonly cached: number;
  readonly cacheWrite: number;
  /** Sum of the calls with a known cost. */
  readonly usd: number;
  /** Calls whose cost is unknown (no price, or no token counts): `usd` leaves them out. */
  readonly unpriced: number;
}

export const ZERO_TOTALS: UsageTotals = { calls: 0, input: 0, output: 0, cached: 0, cacheWrite: 0, usd: 0, unpriced: 0 };

function plus(t: UsageTotals, r: CallRecord): UsageTotals {
  return {
    calls: t.calls + 1,
    input: t.input + r.usage.input,
    output: t.output + r.usage.output,
    cached: t.cached + r.usage.cached,
    cacheWrite: t.cacheWrite + r.usage.cacheWrite,
    usd: t.usd + (r.cost.usd ?? 0),
    unpriced: t.unpriced + (r.cost.usd === null ? 1 : 0),
  };
}

/** The run's ledger; a resumed run starts it from what the journal recorded (`spentBefore`). */
export class UsageLedger {
  private readonly records: CallRecord[] = [];
  private run: UsageTotals;
  private readonly roles = new Map<CallRole, UsageTotals>();

  constructor(spentBefore = 0) {
    this.run = { ...ZERO_TOTALS, usd: spentBefore };
  }

  add(record: CallRecord): void {
    this.records.push(record);
    this.run = plus(this.run, record);
    this.roles.set(record.role, plus(this.roles.get(record.role) ?? ZERO_TOTALS, record));
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
}
