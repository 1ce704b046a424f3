import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileFacts } from './fileFacts';

/**
 * Parsed files kept between recons, keyed by path and valid while the file's modification time and
 * size are unchanged. On disk: a base file written whole (atomically), plus a log beside it to which
 * a recon that changed only a few files appends just those (rewriting tens of megabytes for one
 * edited file would cost more than parsing it). In memory: the last cache this process read or
 * wrote, reused while the files on disk are the ones it knows (another process's write is seen by
 * their size and modification time). A cache from another version, or one that does not read, is
 * dropped: it is only a speed-up; the files are the truth.
 */

/** Bump when what is extracted changes, so old caches are not trusted. */
export const CACHE_VERSION = 4;
/** Above this share of changed entries the base is rewritten and the log emptied. */
const LOG_SHARE = 0.05;

export interface CacheEntry {
  mtimeMs: number;
  bytes: number;
  facts: FileFacts;
}

interface CacheFile {
  version: number;
  entries: Record<string, CacheEntry>;
}

interface LogLine {
  version: number;
  set: Record<string, CacheEntry>;
  del: string[];
}

interface Known {
  /** size:mtime of the base and of the log, as last read or written here. */
  stamp: string;
  /** Never changed once stored: a recon builds a new map for what it saves. */
  entries: ReadonlyMap<string, CacheEntry>;
}

const known = new Map<string, Known>();

async function stampOf(file: string): Promise<string> {
  const part = async (f: string): Promise<string> => {
    try {
      const s = await stat(f);
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  return `${await part(file)}|${await part(logOf(file))}`;
}

function logOf(file: string): string {
  return `${file}.log`;
}

/** The log is folded into the base once it passes a quarter of the base's size. */
async function logIsSmall(file: string): Promise<boolean> {
  try {
    const [base, log] = await Promise.all([stat(file), stat(logOf(file)).catch(() => null)]);
    return !log || log.size < base.size / 4;
  } catch {
    return false;
  }
}

export async function loadCache(file: string | undefined): Promise<ReadonlyMap<string, CacheEntry>> {
  if (!file) return new Map();
  const stamp = await stampOf(file);
  const mine = known.get(file);
  if (mine && mine.stamp === stamp) return mine.entries;
  const entries = new Map<string, CacheEntry>();
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
    if (data.version !== CACHE_VERSION || typeof data.entries !== 'object' || data.entries === null) return new Map();
    for (const [k, v] of Object.entries(data.entries)) entries.set(k, v);
  } catch {
    return new Map();
  }
  let log = '';
  try {
    log = await readFile(logOf(file), 'utf8');
  } catch {
    // no log: the base is the whole cache
  }
  for (const line of log.split('\n')) {
    if (!line) continue;
    try {
      const l = JSON.parse(line) as Partial<LogLine>;
      if (l.version !== CACHE_VERSION) continue;
      for (const [k, v] of Object.entries(l.set ?? {})) entries.set(k, v);
      for (const k of l.del ?? []) entries.delete(k);
    } catch {
      // a line cut short by a crash: the files it named are parsed again
    }
  }
  known.set(file, { stamp, entries });
  return entries;
}

/**
 * Stores `next` as the cache; a cache that cannot be written is left as it was (it is a speed-up,
 * and the recon it would have sped up is already computed).
 */
export async function saveCache(file: string, previous: ReadonlyMap<string, CacheEntry>, next: ReadonlyMap<string, CacheEntry>): Promise<void> {
  try {
    await writeCache(file, previous, next);
  } catch {
    known.delete(file);
  }
}

/**
 * Stores `next` as the cache. `previous` is what loadCache returned: when only a few entries
 * differ, they are appended to the log; otherwise the base is rewritten (temporary file renamed
 * over it, so a reader never sees half of one) and the log removed.
 */
async function writeCache(file: string, previous: ReadonlyMap<string, CacheEntry>, next: ReadonlyMap<string, CacheEntry>): Promise<void> {
  const set: Record<string, CacheEntry> = {};
  let changes = 0;
  for (const [k, v] of next) {
    if (previous.get(k) === v) continue;
    set[k] = v;
    changes++;
  }
  const del = [...previous.keys()].filter((k) => !next.has(k));
  changes += del.length;
  if (changes === 0) return;
  await mkdir(dirname(file), { recursive: true });
  if (previous.size > 0 && changes <= LOG_SHARE * next.size && (await logIsSmall(file))) {
    const line: LogLine = { version: CACHE_VERSION, set, del };
    await appendFile(logOf(file), `${JSON.stringify(line)}\n`);
  } else {
    const data: CacheFile = { version: CACHE_VERSION, entries: Object.fromEntries(next) };
    // Unique per write: recons side by side (a wave's tasks) write in the same millisecond.
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, file);
    await rm(logOf(file), { force: true });
  }
  known.set(file, { stamp: await stampOf(file), entries: next });
}
