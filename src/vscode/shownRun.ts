/**
 * The run the dashboard shows: the one going, else the folder's last. Its journal events are kept
 * (loaded from the journal file on first show, on resume and after a restart; appended live), so the
 * picture and the log come from one projection whether live or replayed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from '../core/log/entry';
import type { Journalled } from '../core/pipeline/journal/events';
import { readJournal } from '../core/pipeline/journal/journal';
import { listRunIds, RUNS_DIR } from '../core/pipeline/journal/runFolder';
import { JournalLog } from '../core/pipeline/report/journalLog';
import { projectRun, type PictureOptions } from '../core/pipeline/report/projectRun';
import type { RunPicture } from '../core/pipeline/report/runPicture';

export class ShownRun {
  private events: Journalled[] = [];
  private lines: LogEntry[] = [];
  private log = new JournalLog();
  private live = false;
  private loadedFrom: string | undefined;

  /** The folder the run works in (its `.factory/runs/<id>/`). */
  folder: string | undefined;

  get runId(): string | undefined {
    const start = this.events.find((e) => e.type === 'run');
    return start?.type === 'run' ? start.runId : undefined;
  }

  /** A run starts (or resumes: its journal so far is read first). */
  begin(folder: string, resumeId?: string): void {
    this.reset(folder);
    this.live = true;
    if (resumeId) this.read(folder, resumeId);
  }

  /** One event as the journal writes it; returns the log lines it adds. */
  add(e: Journalled): LogEntry[] {
    // A resumed run's journal was read at begin: its events come again only if the file was not there.
    if (this.events.some((x) => x.seq === e.seq)) return [];
    this.events.push(e);
    const lines = this.log.lines(e);
    this.lines.push(...lines);
    return lines;
  }

  end(): void {
    this.live = false;
  }

  /** With no run going: the folder's last run, read from its journal (after a reload or a restart). */
  showLatest(folder: string): void {
    if (this.live || this.loadedFrom === folder) return;
    const ids = listRunIds(folder);
    const last = ids[ids.length - 1];
    this.reset(folder);
    this.loadedFrom = folder;
    if (last) this.read(folder, last);
  }

  picture(opts: Omit<PictureOptions, 'live'>): RunPicture | null {
    return projectRun(this.events, { ...opts, live: this.live }) ?? null;
  }

  logLines(): LogEntry[] {
    return [...this.lines];
  }

  /** The run's file: report.md, blueprint.md or journal.jsonl; undefined when it is not written (yet). */
  file(runId: string, name: 'report.md' | 'blueprint.md' | 'journal.jsonl'): string | undefined {
    if (!this.folder) return undefined;
    const path = join(this.folder, RUNS_DIR, runId, name);
    return existsSync(path) ? path : undefined;
  }

  private reset(folder: string): void {
    this.folder = folder;
    this.events = [];
    this.lines = [];
    this.log = new JournalLog();
    this.loadedFrom = undefined;
  }

  private read(folder: string, runId: string): void {
    const file = join(folder, RUNS_DIR, runId, 'journal.jsonl');
    if (!existsSync(file)) return;
    for (const e of readJournal(file)) this.add(e);
  }
}
