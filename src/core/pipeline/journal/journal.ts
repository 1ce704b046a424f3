/**
 * The append-only journal of one run: every event is written as one line and fsynced before the
 * call returns, so a kill -9 loses at most the event being written (a torn last line is ignored
 * on reading). Events are written in the order `append` is called.
 */
import { closeSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { JournalEvent, Journalled } from './events';

export class Journal {
  private fd: number | undefined;
  private readonly events: Journalled[];

  /** Opens (or creates) the journal at `file`, reading what it already holds. */
  constructor(
    readonly file: string,
    private readonly onAppend?: (event: Journalled) => void,
    private readonly now: () => number = Date.now,
  ) {
    const read = readJournalFile(file);
    this.events = read.events;
    // A line torn by a kill is cut off, so the next event starts on a line of its own.
    if (read.tornAt !== undefined) truncateSync(file, read.tornAt);
    this.fd = openSync(file, 'a');
  }

  append(event: JournalEvent): Journalled {
    if (this.fd === undefined) throw new Error(`the journal ${this.file} is closed`);
    const entry = { ...event, seq: this.events.length + 1, at: this.now() } as Journalled;
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
    this.events.push(entry);
    this.onAppend?.(entry);
    return entry;
  }

  /** Everything journalled so far, earlier runs of this journal included. */
  all(): readonly Journalled[] {
    return this.events;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The events of a journal file; a line that does not parse (torn by a kill) ends the reading. */
export function readJournal(file: string): Journalled[] {
  return readJournalFile(file).events;
}

function readJournalFile(file: string): { events: Journalled[]; tornAt?: number } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [] };
    throw e;
  }
  const events: Journalled[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const end = bytes.indexOf(0x0a, offset);
    if (end < 0) return { events, tornAt: offset };
    const line = bytes.subarray(offset, end).toString('utf8');
    try {
      if (line.trim() !== '') events.push(JSON.parse(line) as Journalled);
    } catch {
      return { events, tornAt: offset };
    }
    offset = end + 1;
  }
  return { events };
}
