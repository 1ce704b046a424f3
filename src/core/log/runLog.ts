import type { LogEntry, LogLevel } from './entry';

type Listener = (entry: LogEntry) => void;

/**
 * The live log of the current session: keeps the newest entries (bounded, so a long run cannot
 * grow memory without end) and tells every listener about each new one. The full record of a run
 * is its journal on disk; this is only what a screen shows.
 */
export class RunLog {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly capacity = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  add(level: LogLevel, source: string, message: string): LogEntry {
    const entry: LogEntry = { time: this.now(), level, source, message };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const l of this.listeners) l(entry);
    return entry;
  }

  info(source: string, message: string): LogEntry {
    return this.add('info', source, message);
  }

  warn(source: string, message: string): LogEntry {
    return this.add('warn', source, message);
  }

  error(source: string, message: string): LogEntry {
    return this.add('error', source, message);
  }

  snapshot(): LogEntry[] {
    return [...this.entries];
  }

  /** Returns a function that stops listening. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
