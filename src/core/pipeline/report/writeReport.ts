/**
 * report.md, for people, written from the journal alone (so a resumed or stopped run gets the same
 * report). Being extended on branch i8-finish (scores per round, RED/GREEN evidence per task, traps,
 * rollbacks, probes, cost and tokens per role); this first version lists the end and the calls.
 */
import type { Journalled } from '../journal/events';

export function renderReport(runId: string, events: readonly Journalled[]): string {
  const start = events.find((e) => e.type === 'run');
  const end = [...events].reverse().find((e) => e.type === 'end');
  const calls = events.filter((e) => e.type === 'effect.done' && e.kind === 'call').length;
  const lines = [`# Factory run ${runId}`, ''];
  if (start?.type === 'run') lines.push(`Request: ${start.request}`, '');
  if (end?.type === 'end') lines.push(`Result: **${end.state.replace('_', ' ')}**: ${end.reason}`, '');
  lines.push(`Model calls answered: ${calls}`, '');
  return `${lines.join('\n')}\n`;
}
