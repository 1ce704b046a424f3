/** The lines that end a run on screen: how it ended and why, what it cost, where the report is, how to go on. */
import { readJournal } from '../core/pipeline/journal/journal';
import type { RunOutcome } from '../core/pipeline/runner';
import { costText, runCost } from '../core/pipeline/runCost';

const STATE_WORDS: Record<RunOutcome['state'], string> = { shipped: 'SHIPPED', not_shipped: 'NOT SHIPPED', stopped: 'STOPPED (resumable)' };

export function runSummary(outcome: RunOutcome, resumeCommand: string): string {
  const cost = runCost(readJournal(outcome.journalFile));
  // The engine's reason ends with a bare resume command; the CLI's below also names --dir.
  const reason = outcome.reason.replace(/\s*Resume with: factory resume \S+\s*$/, '');
  const lines = [
    '',
    `Run ${outcome.runId}: ${STATE_WORDS[outcome.state]}`,
    `  why:    ${reason.replace(/\n/g, '\n          ')}`,
    `  cost:   ${costText(cost)} (${cost.calls} model call${cost.calls === 1 ? '' : 's'} answered)`,
    `  report: ${outcome.reportFile}`,
  ];
  if (outcome.state === 'stopped') lines.push(`  resume: ${resumeCommand}`);
  return `${lines.join('\n')}\n`;
}
