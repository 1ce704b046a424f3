/**
 * The run budget (limits.budgetUsd), checked before every request, counting the money requests in
 * flight hold (each reserves its estimate: the prompt's tokens and its most output, priced). Reaching
 * it is a clean stop, not a crash: the error says what was spent and reserved, and the run can
 * resume once the budget is raised.
 */
import { ProviderError, type CallContext } from './errors';
import type { UsageLedger } from './usage';

export function usd(amount: number): string {
  return `$${amount.toFixed(amount >= 1 ? 2 : 4)}`;
}

/** What a request about to start may cost: its estimate, and the money other requests in flight hold. */
export interface RequestEstimate {
  readonly usd: number;
  readonly inputTokens: number;
  readonly maxOutputTokens: number;
  /** Held by requests in flight (reservations.ts). */
  readonly reservedUsd: number;
  readonly inFlight: number;
}

const callsText = (n: number): string => `${n} call${n === 1 ? '' : 's'}`;

/**
 * A budget error when the run has spent its budget, or when this request's estimate, with what is
 * spent and what requests in flight hold, would pass it; undefined while it fits.
 */
export function budgetStop(ledger: UsageLedger, budgetUsd: number | null | undefined, context: CallContext, next?: RequestEstimate): ProviderError | undefined {
  if (budgetUsd === undefined || budgetUsd === null) return undefined;
  const spent = ledger.spentUsd;
  const resume = 'Nothing was lost: raise limits.budgetUsd and resume the run.';
  if (spent >= budgetUsd) {
    const held = next && next.inFlight > 0 ? `; ${usd(next.reservedUsd)} reserved for ${callsText(next.inFlight)} in flight` : '';
    return new ProviderError(
      { kind: 'budget' },
      context,
      `The run budget of ${usd(budgetUsd)} is reached (${usd(spent)} spent${held}), so the run stopped before calling ` +
        `${context.label} (${context.model}) for role ${context.role}. ${resume}`,
    );
  }
  if (!next || spent + next.reservedUsd + next.usd <= budgetUsd) return undefined;
  return new ProviderError(
    { kind: 'budget' },
    context,
    `The run budget of ${usd(budgetUsd)} could be passed by this call: ${usd(spent)} spent and ${usd(next.reservedUsd)} reserved for ${callsText(next.inFlight)} in flight, ` +
      `and this call to ${context.label} (${context.model}) for role ${context.role} may cost up to ${usd(next.usd)} ` +
      `(about ${next.inputTokens} token${next.inputTokens === 1 ? '' : 's'} in, at most ${next.maxOutputTokens} out), so the run stopped before calling it. ${resume}`,
  );
}
