/**
 * Cost and tokens per role, from the journal: every answered call (effect.done of kind `call`, its
 * role from the matching effect.start) and every failed attempt that was charged. A price nobody
 * knows is shown as unknown, never as $0; tokens a provider did not report likewise, and a priced
 * call's cost estimated from its characters is shown as estimated.
 */
import type { Journalled } from '../journal/events';
import { isRecord, num, percent, table } from './md';
import { blankTotals, roleTotals, type RoleTotals } from './roleTotals';
import type { RunNote } from './runNotes';

export function costSection(events: readonly Journalled[], notes: readonly RunNote[]): string[] {
  const shares = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'effect.start' || e.kind !== 'call' || !isRecord(e.detail)) continue;
    const share = num(e.detail.prefixShare);
    if (share !== undefined) shares.set(e.key, share);
  }
  const roles = roleTotals(events, notes);
  const lines = ['## Cost and tokens', ''];
  if (roles.size === 0) return [...lines, 'No model call was answered.', ''];
  const total = blankTotals();
  const rows = [...roles.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, t]) => {
      for (const k of Object.keys(total) as (keyof RoleTotals)[]) total[k] += t[k];
      return row(role, t);
    });
  lines.push(...table(['role', 'calls', 'repairs', 'failed attempts', 'input tokens', 'output tokens', 'cached tokens', 'cost'], [...rows, row('**total**', total)]), '');
  const reported = total.calls + total.failedAttempts - total.tokensUnknown;
  if (total.cached > 0) lines.push(`Cached prompt tokens: ${total.cached} of ${total.input} (${percent(total.cached, total.input)}), as the providers reported them.`);
  else lines.push(reported > 0 ? 'Cached prompt tokens: none reported by the providers.' : 'Cached prompt tokens: unknown (no provider reported token counts).');
  if (total.estimated > 0) {
    const one = total.estimated === 1;
    lines.push(
      `${total.estimated} call${one ? '' : 's'} came back without token counts; ${one ? 'its' : 'their'} cost is estimated from the characters sent and received (about 4 a token) ` +
        `and counted against the budget, and ${one ? 'its' : 'their'} tokens are not in the sums.`,
    );
  }
  if (total.subscription > 0) {
    const one = total.subscription === 1;
    lines.push(
      `${total.subscription} call${one ? '' : 's'} ran on a coding CLI by subscription (claude-code, codex or gemini-cli): nothing is charged per call, ` +
        `so ${one ? 'it counts' : 'they count'} $0 against the budget; ${one ? 'its' : 'their'} tokens are in the sums.`,
    );
  }
  const uncounted = total.tokensUnknown - total.estimated;
  if (uncounted > 0) lines.push(`${uncounted} call${uncounted === 1 ? '' : 's'} came back without token counts; their tokens are not in the sums.`);
  const shareValues = [...shares.values()];
  if (shareValues.length) lines.push(`Average prefix share: ${percent(shareValues.reduce((a, b) => a + b, 0), shareValues.length)} of each prompt repeated the start of the role's previous prompt (what a prompt cache can serve).`);
  lines.push('');
  return lines;
}

function row(role: string, t: RoleTotals): unknown[] {
  const tokens = (n: number): string => (t.tokensUnknown > 0 && t.tokensUnknown === t.calls + t.failedAttempts ? 'unknown' : t.tokensUnknown > 0 ? `${n} + unknown` : String(n));
  return [role, t.calls, t.repairs, t.failedAttempts, tokens(t.input), tokens(t.output), tokens(t.cached), usdText(t)];
}

/** `subscription` alone, or what the priced calls cost `+ subscription (N calls)`. */
function usdText(t: RoleTotals): string {
  const n = t.calls + t.failedAttempts;
  if (t.subscription === n) return 'subscription';
  const subscription = t.subscription === 0 ? '' : ` + subscription (${t.subscription} call${t.subscription === 1 ? '' : 's'})`;
  return `${pricedText(t, n - t.subscription)}${subscription}`;
}

function pricedText(t: RoleTotals, n: number): string {
  if (t.usdUnknown === n) return 'unknown';
  const known = n - t.usdUnknown;
  const estimated = t.estimated === 0 ? '' : t.estimated === known ? ' (estimated)' : ` ($${t.usdEstimated.toFixed(4)} of it estimated)`;
  const unknown = t.usdUnknown === 0 ? '' : ` + unknown (${t.usdUnknown} without a price)`;
  return `$${t.usd.toFixed(4)}${estimated}${unknown}`;
}
