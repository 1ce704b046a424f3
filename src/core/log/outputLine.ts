import type { LogEntry } from './entry';

/**
 * A log entry as one line of the "Factory" Output channel (VS Code adds the time and the level):
 * `[source] message`, line breaks folded, so every event of the dashboard's log is one line there.
 * Folded bodies (an answer, a command's output) stay on the dashboard and in the journal.
 */
export function outputLine(e: LogEntry): string {
  const message = e.message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const folded = e.detail === undefined ? '' : ` [${lineCount(e.detail)} folded on the dashboard]`;
  return `[${e.source}] ${message}${folded}`;
}

function lineCount(text: string): string {
  const n = text.split('\n').length;
  return `${n} line${n === 1 ? '' : 's'}`;
}
