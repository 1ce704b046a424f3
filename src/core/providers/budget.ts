/**
 * The run budget (limits.budgetUsd), checked before every request. Reaching it is a clean stop, not
 * a crash: the error says what was spent, and the run can resume once the budget is raised.
 */
import { ProviderError, type CallContext } from './errors';
import type { UsageLedger } from './usage';

export function usd(amount: number): string {
  return `$${amount.toFixed(amount >= 1 ? 2 : 4)}`;
}

/** A budget error when the run has spent its budget; undefined while there is money left. */
export function budgetStop(ledger: UsageLedger, budgetUsd: number | null | undefined, context: CallContext): ProviderError | undefined {
  if (budgetUsd === undefined || budgetUsd === null || ledger.spentUsd < budgetUsd) return undefined;
  return new ProviderError(
    { kind: 'budget' },
    context,
    `The run budget of ${usd(budgetUsd)} is reached (${usd(ledger.spentUsd)} spent), so the run stopped before calling ` +
      `${context.label} (${context.model}) for role ${context.role}. Nothing was lost: raise limits.budgetUsd and resume the run.`,
  );
}
