/** The lines that end a run on screen: how it ended and why, what it cost, where the report is, how to go on. */
import { readJournal } from '../core/pipeline/journal/journal';
import type { RunOutcome } from '../core/pipeline/runner';
import { costText, runCost } from '../core/pipeline/runCost';

const STATE_WORDS: Record<RunOutcome['state'], string> = { shipped: 'SHIPPED', not_shipped: 'NOT SHIPPED', stopped: 'STOPPED (resumable)' };
/** An audit ships nothing: it is done (its findings are the result) or could not finish. */
const AUDIT_WORDS: Record<RunOutcome['state'], string> = { shipped: 'AUDIT DONE', not_shipped: 'AUDIT COULD NOT FINISH', stopped: 'STOPPED (resumable)' };

export function runSummary(outcome: RunOutcome, resumeCommand: string): string {
  const events = readJournal(outcome.journalFile);
  const cost = runCost(events);
  const start = events.find((e) => e.type === 'run');
  const words = start?.type === 'run' && start.mode === 'audit' ? AUDIT_WORDS : STATE_WORDS;
  // The engine's reason ends with a bare resume command; the CLI's below also names --dir.
  const reason = outcome.reason.replace(/\s*Resume with: factory resume \S+\s*$/, '');
  const lines = [
    '',
    `Run ${outcome.runId}: ${words[outcome.state]}`,
    `  why:    ${reason.replace(/\n/g, '\n          ')}`,
    `  cost:   ${costText(cost)} (${cost.calls} model call${cost.calls === 1 ? '' : 's'} answered)`,
    `  report: ${outcome.reportFile}`,
  ];
  if (outcome.state === 'stopped') lines.push(`  resume: ${resumeCommand}`);
  return `${lines.join('\n')}\n`;
}
