/**
 * The append-only journal of one run: every event is written as one line and fsynced before the
 * call returns, so a kill -9 loses at most the event being written (a torn last line is ignored
 * on reading). Events are written in the order `append` is called. Only the LAST line can be torn
 * by a kill: a damaged line with events after it (a disk error, a hand edit) is never cut, because
 * cutting there would delete every later event; opening such a journal to append refuses instead.
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
    if (read.damagedLine !== undefined) {
      throw new Error(
        `${file} line ${read.damagedLine} is not a journal event, and events follow it; nothing was cut. ` +
          'Remove or repair that line (the events after it are intact), then try again.',
      );
    }
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

/**
 * The events of a journal file, for reading only (`factory runs`, report.md): a torn last line is
 * left out, and so is a damaged line in the middle, whose later events are still read.
 */
export function readJournal(file: string): Journalled[] {
  return readJournalFile(file).events;
}

interface JournalRead {
  events: Journalled[];
  /** Where a torn last line starts (cut before appending). */
  tornAt?: number;
  /** The first damaged line (1-based) that has events after it. */
  damagedLine?: number;
}

function readJournalFile(file: string): JournalRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [] };
    throw e;
  }
  const events: Journalled[] = [];
  let offset = 0;
  let lineNo = 0;
  let bad: { line: number; offset: number } | undefined;
  let damagedLine: number | undefined;
  while (offset < bytes.length) {
    const end = bytes.indexOf(0x0a, offset);
    lineNo++;
    const line = bytes.subarray(offset, end < 0 ? bytes.length : end).toString('utf8');
    if (line.trim() !== '') {
      const event = end < 0 ? undefined : parseEvent(line);
      if (event === undefined) bad ??= { line: lineNo, offset };
      else {
        // A bad line with an event after it was not torn by a kill: it is damage in the middle.
        if (bad !== undefined) damagedLine ??= bad.line;
        events.push(event);
      }
    }
    if (end < 0) break;
    offset = end + 1;
  }
  if (damagedLine !== undefined) return { events, damagedLine };
  return bad === undefined ? { events } : { events, tornAt: bad.offset };
}

function parseEvent(line: string): Journalled | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { type?: unknown }).type === 'string' ? (v as Journalled) : undefined;
  } catch {
    return undefined;
  }
}
