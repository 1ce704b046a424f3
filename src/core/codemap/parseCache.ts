import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileFacts } from './fileFacts';

/**
 * Parsed files kept on disk between recons, keyed by path and valid while the file's modification
 * time and size are unchanged. A cache from another extractor version, or one that does not read,
 * is dropped whole (it is only ever a speed-up; the files are the truth).
 */

/** Bump when what is extracted changes, so old caches are not trusted. */
export const CACHE_VERSION = 1;

export interface CacheEntry {
  mtimeMs: number;
  bytes: number;
  facts: FileFacts;
}

interface CacheFile {
  version: number;
  entries: Record<string, CacheEntry>;
}

export async function loadCache(file: string | undefined): Promise<Map<string, CacheEntry>> {
  if (!file) return new Map();
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
    if (data.version !== CACHE_VERSION || typeof data.entries !== 'object' || data.entries === null) return new Map();
    return new Map(Object.entries(data.entries));
  } catch {
    return new Map();
  }
}

/** Writes atomically (a temporary file renamed over), so a reader never sees half a cache. */
export async function saveCache(file: string, entries: ReadonlyMap<string, CacheEntry>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const data: CacheFile = { version: CACHE_VERSION, entries: Object.fromEntries(entries) };
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, JSON.stringify(data));
  await rename(tmp, file);
}
