/**
 * The learning store on disk, one JSON file outside any workspace (the CLI's `~/.factory/` or
 * `$FACTORY_HOME`, VS Code's global storage). Every read is checked against the schema; every change
 * is lock → read → change → write to a temporary file → rename, so a reader never sees half a file
 * and two runs finishing at once both keep what they learned. A file that cannot be read as a store
 * is set aside under a new name, with a warning naming both files: never emptied, never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { Learning } from '../protocol';
import { importFileSchema, schemaProblems, storeFileSchema, type LearningEntry, type StoredLearnings } from './entries';
import { countOf, forgetIn, importInto, initialLearnings, rememberInto, type MergeOutcome } from './merge';

export const LEARNINGS_FILE = 'learnings.json';

export interface FileStoreOptions {
  /** The store's file, e.g. `~/.factory/learnings.json`. */
  file: string;
  /** How the host shows a warning (a file set aside). */
  warn: (message: string) => void;
  now?: () => Date;
}

export type ImportResult = { ok: true; outcome: MergeOutcome } | { ok: false; problems: string[] };

type Loaded = { state: 'ok'; store: StoredLearnings } | { state: 'missing' } | { state: 'corrupt'; why: string };

export class FileLearningStore {
  readonly file: string;
  private readonly warn: (message: string) => void;
  private readonly now: () => Date;

  constructor(options: FileStoreOptions) {
    this.file = options.file;
    this.warn = options.warn;
    this.now = options.now ?? (() => new Date());
  }

  /** Everything stored. A corrupt file is set aside (under the lock) and the store starts anew. */
  async read(): Promise<StoredLearnings> {
    const loaded = await this.load();
    if (loaded.state === 'ok') return loaded.store;
    if (loaded.state === 'missing') return initialLearnings();
    return this.change((store) => ({ store: undefined, result: store }));
  }

  async remember(runId: string, learning: Learning): Promise<MergeOutcome> {
    return this.change((store) => {
      const next = rememberInto(store, runId, learning, this.now());
      return { store: next.store, result: next.outcome };
    });
  }

  /** Merges an export (any JSON value: it is checked first); nothing changes when it is invalid. */
  async import(data: unknown): Promise<ImportResult> {
    const parsed = importFileSchema.safeParse(data);
    if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, 10) };
    const outcome = await this.change((store) => {
      const next = importInto(store, parsed.data, this.now());
      return { store: next.store, result: next.outcome };
    });
    return { ok: true, outcome };
  }

  async forget(id: string): Promise<LearningEntry | undefined> {
    return this.change((store) => {
      const next = forgetIn(store, id);
      return { store: next.removed ? next.store : undefined, result: next.removed };
    });
  }

  /** Forgets every DNA choice, trap and rule; the built-in rules come back as on first use. Returns how many were forgotten. */
  async forgetAll(): Promise<number> {
    return this.change((store) => ({ store: initialLearnings(), result: countOf(store) }));
  }

  /** Runs `edit` on the store under the lock; writes what it returns (undefined: no change). */
  private async change<T>(edit: (store: StoredLearnings) => { store: StoredLearnings | undefined; result: T }): Promise<T> {
    await mkdir(dirname(this.file), { recursive: true });
    const release = await lockfile.lock(this.file, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 200, minTimeout: 10, maxTimeout: 100, randomize: true },
      // The default throws from a timer, which would end the extension host; a warning says it instead.
      onCompromised: (e) => this.warn(`the lock on ${this.file} was lost (${e.message}); a change made at the same time by another Factory may be lost`),
    });
    try {
      const loaded = await this.load();
      let store: StoredLearnings;
      if (loaded.state === 'ok') store = loaded.store;
      else {
        if (loaded.state === 'corrupt') await this.setAside(loaded.why);
        store = initialLearnings();
      }
      const { store: next, result } = edit(store);
      if (next) await this.write(next);
      return result;
    } finally {
      await release();
    }
  }

  private async load(): Promise<Loaded> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
      throw new Error(`cannot read the learnings file ${this.file}: ${(e as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { state: 'corrupt', why: `it is not valid JSON (${(e as Error).message})` };
    }
    const parsed = storeFileSchema.safeParse(raw);
    if (!parsed.success) return { state: 'corrupt', why: `it does not hold learnings as Factory stores them: ${schemaProblems(parsed.error).join('; ')}` };
    return { state: 'ok', store: parsed.data };
  }

  private async setAside(why: string): Promise<void> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const aside = join(dirname(this.file), `${basename(this.file, '.json')}.corrupt-${stamp}.json`);
    await rename(this.file, aside);
    this.warn(`the learnings file ${this.file} could not be read: ${why}. It was set aside as ${aside} (nothing in it was deleted) and a new store was started with the built-in rules. Fix that file and bring it back with \`factory learnings import ${aside}\`, or delete it.`);
  }

  private async write(store: StoredLearnings): Promise<void> {
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(`${JSON.stringify(store, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw new Error(`cannot write the learnings file ${this.file}: ${(e as Error).message}`);
    }
  }
}
