import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  decodeLogLine, decodeRecord, encodeInputs, encodeLogLine, encodeRecord, FORMAT, inputsAt, readHeader, readHot, readInputs,
  type Header, type HotSection, type InputsSection, type LogLine,
} from './cacheFormat';
import type { CodeSymbol } from './extract/symbol';
import type { FileFacts } from './fileFacts';
import { writeAtomically } from './atomicWrite';
import { languageOf } from './languages';
import { indexInSorted, isSorted } from './sortedPaths';
import { digest, hasJavaMain, rankFactsOf, rankKey, type RankFacts } from './rankFacts';

/**
 * Parsed files kept between recons, keyed by path and valid while the file's modification time and
 * size are unchanged. On disk (cacheFormat.ts): a base written whole and atomically, whose symbols
 * and ranking inputs are read only when needed, plus a log beside it to which a recon that changed
 * only a few files appends just those. In memory: the last cache this process read or wrote, reused
 * while the files on disk are the ones it knows. A cache from another version, or one that does
 * not read whole, is dropped: it is only a speed-up; the files are the truth.
 */

/** Bump when what is extracted or how it is stored changes, so old caches are not trusted. */
export const CACHE_VERSION = 5;
/** Above this share of changed entries the base is rewritten and the log emptied. */
const LOG_SHARE = 0.05;

/** What a recon needs of every file, whether parsed now or read from the cache. */
export interface CacheEntry {
  mtimeMs: number;
  bytes: number;
  lines: number;
  note?: string;
  /** Fingerprint of the file's ranking inputs (rankFacts.ts). */
  key: string;
  javaMain: boolean;
  /** Parsed by this process or read from the log: everything at hand. */
  facts?: FileFacts;
  /** Otherwise its place in the base, where its symbols and ranking inputs are read when needed. */
  slot?: number;
}

export function entryOf(mtimeMs: number, bytes: number, facts: FileFacts): CacheEntry {
  const e: CacheEntry = { mtimeMs, bytes, lines: facts.lines, key: rankKey(rankFactsOf(facts)), javaMain: hasJavaMain(facts), facts };
  if (facts.note !== undefined) e.note = facts.note;
  return e;
}

/** The base file as read: its layout, and its inputs once read. */
class Base {
  private inputs: InputsSection | null | undefined;
  private readonly offsets: number[];
  /** Slots of Java files with a static main. */
  readonly mains: ReadonlySet<number>;
  /** Paths in code-unit order (as a walk gives them): looked up by merging, not by a map. */
  readonly sorted: boolean;

  constructor(
    readonly file: string,
    private readonly header: Header,
    private readonly headerBytes: Buffer,
    readonly hot: HotSection,
    primed?: InputsSection,
  ) {
    this.inputs = primed;
    this.mains = new Set(hot.mains);
    this.sorted = isSorted(hot.paths);
    this.offsets = new Array<number>(hot.symLens.length);
    let at = headerBytes.length + header.hot[0] + header.inputs[0];
    for (let i = 0; i < hot.symLens.length; i++) {
      this.offsets[i] = at;
      at += hot.symLens[i];
    }
  }

  /** Whether the base holds `path` (its paths sorted). */
  holds(path: string): boolean {
    return indexInSorted(this.hot.paths, path) >= 0;
  }

  /** Bytes at `position` of this very base (null when the file is gone or was replaced since). */
  private read(position: number, length: number): Buffer | null {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return null;
    }
    try {
      const head = Buffer.alloc(this.headerBytes.length);
      if (readSync(fd, head, 0, head.length, 0) !== head.length || !head.equals(this.headerBytes)) return null;
      const buf = Buffer.alloc(length);
      return readSync(fd, buf, 0, length, position) === length ? buf : null;
    } finally {
      closeSync(fd);
    }
  }

  rankFacts(slot: number): RankFacts | null {
    if (this.inputs === undefined) {
      const buf = this.read(this.headerBytes.length + this.header.hot[0], this.header.inputs[0]);
      this.inputs = buf && readInputs(buf, this.header.inputs[1], this.hot.paths.length);
    }
    return this.inputs ? inputsAt(this.inputs, slot, languageOf(this.hot.paths[slot])) : null;
  }

  symbols(slot: number): CodeSymbol[] | null {
    const length = this.hot.symLens[slot];
    if (length === 0) return [];
    const buf = this.read(this.offsets[slot], length);
    return buf && decodeRecord(buf, this.hot.paths[slot], this.hot.mtimes[slot], this.hot.bytes[slot]);
  }

  /** The raw record (digest included), to copy into a new base unchanged. */
  rawRecords(): { all: Buffer; at: (slot: number) => Buffer } | null {
    const start = this.offsets.length > 0 ? this.offsets[0] : 0;
    const all = this.read(start, this.header.symbols);
    return all && { all, at: (slot) => all.subarray(this.offsets[slot] - start, this.offsets[slot] - start + this.hot.symLens[slot]) };
  }
}

/** What the log holds over the base: entries of files parsed since, paths gone since, and how many lines said so. */
export interface Overlay {
  set: ReadonlyMap<string, CacheEntry>;
  del: ReadonlySet<string>;
  lines: number;
}

const NO_LOG: Overlay = { set: new Map(), del: new Set(), lines: 0 };

/** The entry of the base's slot (one object per file: made only as a recon meets the file). */
function entryAt(base: Base, slot: number): CacheEntry {
  const { mtimes, bytes, lines, keys, notes } = base.hot;
  const e: CacheEntry = { mtimeMs: mtimes[slot], bytes: bytes[slot], lines: lines[slot], key: keys[slot], javaMain: base.mains.has(slot), slot };
  const note = notes[slot];
  if (note !== undefined) e.note = note;
  return e;
}

/**
 * The cache as loaded: the base's files with the log over them, and how to read what entries from
 * the base do not carry. Looked up by one merge of the walk's sorted paths with the base's: no map
 * of every path is built unless asked for (`entries`).
 */
export class LoadedCache {
  private built: Map<string, CacheEntry> | null = null;

  constructor(
    readonly base: Base | null,
    readonly log: Overlay,
  ) {}

  get entries(): ReadonlyMap<string, CacheEntry> {
    if (this.built) return this.built;
    const map = new Map<string, CacheEntry>();
    const base = this.base;
    if (base) base.hot.paths.forEach((p, slot) => map.set(p, entryAt(base, slot)));
    for (const [k, e] of this.log.set) map.set(k, e);
    for (const k of this.log.del) map.delete(k);
    return (this.built = map);
  }

  /**
   * The cache's entry of each path (undefined: none), for paths sorted as walkFiles gives them, and
   * how many of the paths the cache holds.
   */
  lookup(paths: readonly string[]): { found: Array<CacheEntry | undefined>; held: number } {
    const found = new Array<CacheEntry | undefined>(paths.length);
    let held = 0;
    const base = this.base;
    if (!base?.sorted) {
      const map = this.entries;
      for (let i = 0; i < paths.length; i++) if ((found[i] = map.get(paths[i])) !== undefined) held++;
      return { found, held };
    }
    const { set, del } = this.log;
    const all = base.hot.paths;
    let j = 0;
    for (let i = 0; i < paths.length; i++) {
      const p = paths[i];
      let e = set.get(p);
      if (e === undefined && !del.has(p)) {
        while (j < all.length && all[j] < p) j++;
        if (j < all.length && all[j] === p) e = entryAt(base, j);
      }
      if ((found[i] = e) !== undefined) held++;
    }
    return { found, held };
  }

  /** How many files the cache holds. */
  get size(): number {
    const base = this.base;
    if (!base?.sorted) return this.entries.size;
    let n = base.hot.paths.length;
    for (const k of this.log.set.keys()) if (!base.holds(k)) n++;
    for (const k of this.log.del) if (base.holds(k)) n--;
    return n;
  }

  /** Ranking inputs of an entry; null when the base cannot give them (the caller parses the file). */
  rankFacts(e: CacheEntry, path: string): RankFacts | null {
    if (e.facts) return rankFactsOf(e.facts);
    if (e.slot === undefined || !this.base || this.base.hot.paths[e.slot] !== path) return null;
    return this.base.rankFacts(e.slot);
  }

  /** Symbols of an entry; null when the base cannot give them (the caller parses the file). */
  symbols(e: CacheEntry, path: string): CodeSymbol[] | null {
    if (e.facts) return e.facts.symbols;
    if (e.slot === undefined || !this.base || this.base.hot.paths[e.slot] !== path) return null;
    return this.base.symbols(e.slot);
  }
}

const EMPTY = new LoadedCache(null, NO_LOG);

interface Known {
  /** size:mtime of the base and of the log, as last read or written here. */
  stamp: string;
  /** Never changed once stored: a recon makes a new one for what it saves. */
  cache: LoadedCache;
}

const known = new Map<string, Known>();

/** The file's stats; undefined when it is not there or cannot be reached (a cache is only a speed-up). */
export function statOrNone(f: string): Stats | undefined {
  try {
    return statSync(f, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function stampOf(file: string): string {
  const part = (f: string): string => {
    const s = statOrNone(f);
    return s ? `${s.size}:${s.mtimeMs}` : '-';
  };
  return `${part(file)}|${part(logOf(file))}`;
}

function logOf(file: string): string {
  return `${file}.log`;
}

/** The base's header and hot section; null when the file is missing, of another version or damaged. */
function readBase(file: string): Base | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const first = Buffer.alloc(1024);
    const got = readSync(fd, first, 0, first.length, 0);
    const nl = first.subarray(0, got).indexOf(10);
    if (nl < 0) return null;
    const headerBytes = Buffer.from(first.subarray(0, nl + 1));
    const header = readHeader(headerBytes.toString('utf8'), CACHE_VERSION);
    // A base of another length than its header says was cut short (or added to): not trusted at all.
    if (!header || fstatSync(fd).size !== headerBytes.length + header.hot[0] + header.inputs[0] + header.symbols) return null;
    const hotBuf = Buffer.alloc(header.hot[0]);
    if (readSync(fd, hotBuf, 0, hotBuf.length, headerBytes.length) !== hotBuf.length) return null;
    const hot = readHot(hotBuf, header.hot[1]);
    return hot && new Base(file, header, headerBytes, hot);
  } finally {
    closeSync(fd);
  }
}

export async function loadCache(file: string | undefined): Promise<LoadedCache> {
  if (!file) return EMPTY;
  const stamp = stampOf(file);
  const mine = known.get(file);
  if (mine && mine.stamp === stamp) return mine.cache;
  const base = readBase(file);
  if (!base) return EMPTY;
  const set = new Map<string, CacheEntry>();
  const del = new Set<string>();
  let lines = 0;
  let log = '';
  try {
    log = readFileSync(logOf(file), 'utf8');
  } catch {
    // no log: the base is the whole cache
  }
  for (const text of log.split('\n')) {
    // A line cut short by a crash, or damaged: the files it named are parsed again.
    const line = text ? decodeLogLine(text, CACHE_VERSION) : null;
    if (!line) continue;
    lines++;
    for (const [k, v] of Object.entries(line.set)) {
      set.set(k, entryOf(v.mtimeMs, v.bytes, v.facts));
      del.delete(k);
    }
    for (const k of line.del) {
      set.delete(k);
      del.add(k);
    }
  }
  const cache = new LoadedCache(base, { set, del, lines });
  known.set(file, { stamp, cache });
  return cache;
}

/** The files of a recon, in walk order, and which of them were parsed in it (the rest came from the cache as they were). */
export interface ReconEntries {
  paths: readonly string[];
  entries: readonly CacheEntry[];
  parsed: Iterable<number>;
  /** How many of the paths the cache held (LoadedCache.lookup). */
  held: number;
}

/**
 * Stores the recon's entries as the cache; a cache that cannot be written is left as it was (it is
 * a speed-up, and the recon it would have sped up is already computed).
 */
export async function saveCache(file: string, previous: LoadedCache, now: ReconEntries): Promise<void> {
  try {
    await writeCache(file, previous, now);
  } catch {
    known.delete(file);
  }
}

/** The log is folded into the base once it passes a quarter of the base's size. */
function logIsSmall(file: string): boolean {
  const base = statOrNone(file);
  const log = statOrNone(logOf(file));
  return base !== undefined && (!log || log.size < base.size / 4);
}

/** Above this many lines the log is written again as one (LoadedCache.log: what it holds). */
const COMPACT_AFTER_LINES = 8;

/** The log `log` with one more line's entries and deletions over it. */
function overLog(log: Overlay, set: ReadonlyArray<[string, CacheEntry]>, del: readonly string[]): Overlay {
  const entries = new Map(log.set);
  const gone = new Set(log.del);
  for (const [k, v] of set) {
    entries.set(k, v);
    gone.delete(k);
  }
  for (const k of del) {
    entries.delete(k);
    gone.add(k);
  }
  return { set: entries, del: gone, lines: log.lines + 1 };
}

function logLine(set: ReadonlyMap<string, CacheEntry>, del: string[]): LogLine {
  const entries: LogLine['set'] = {};
  for (const [k, v] of set) entries[k] = { mtimeMs: v.mtimeMs, bytes: v.bytes, facts: v.facts as FileFacts };
  return { version: CACHE_VERSION, set: entries, del };
}

/** Paths of `previous` the recon no longer has (none when every path it held was met). */
function gonePaths(previous: LoadedCache, now: ReconEntries): string[] {
  if (now.held === previous.size) return [];
  const met = new Set(now.paths);
  return [...previous.entries.keys()].filter((k) => !met.has(k));
}

/**
 * Stores the recon's entries as the cache. When only a few differ from `previous` (what loadCache
 * returned), they are appended to the log; otherwise the base is rewritten (temporary file renamed
 * over it, so a reader never sees half of one) and the log removed.
 */
async function writeCache(file: string, previous: LoadedCache, now: ReconEntries): Promise<void> {
  // A file parsed in the recon has a new entry (its last one, when it was parsed again).
  const set: Array<[string, CacheEntry]> = [...new Set(now.parsed)].map((i) => [now.paths[i], now.entries[i]]);
  const del = gonePaths(previous, now);
  const changes = set.length + del.length;
  if (changes === 0) return;
  await mkdir(dirname(file), { recursive: true });
  const nextOf = (): Map<string, CacheEntry> => {
    const next = new Map<string, CacheEntry>();
    now.paths.forEach((p, i) => next.set(p, now.entries[i]));
    return next;
  };
  if (previous.base && set.every(([, v]) => v.facts) && changes <= LOG_SHARE * now.paths.length && logIsSmall(file)) {
    const log = overLog(previous.log, set, del);
    if (log.lines > COMPACT_AFTER_LINES) {
      // The log said again in one line, the files changed many times each said once: a log read
      // by every recon stays as long as what it holds. (A line another recon appends meanwhile
      // may be lost with the old log: its files are parsed again, nothing else.)
      await writeAtomically(logOf(file), encodeLogLine(logLine(log.set, [...log.del])));
      log.lines = 1;
    } else {
      await appendFile(logOf(file), encodeLogLine(logLine(new Map(set), del)));
    }
    known.set(file, { stamp: stampOf(file), cache: new LoadedCache(previous.base, log) });
    return;
  }
  const written = writeBase(file, previous, nextOf());
  // Unique per write: recons side by side (a wave's tasks) write in the same millisecond.
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, written.bytes);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await rm(logOf(file), { force: true });
  known.set(file, { stamp: stampOf(file), cache: written.cache });
}

/** The bytes of a new base holding `next`, and the cache as it will read (entries pointing into it). */
function writeBase(file: string, previous: LoadedCache, next: ReadonlyMap<string, CacheEntry>): { bytes: Buffer; cache: LoadedCache } {
  const raw = next.size > 0 && [...next.values()].some((e) => !e.facts) ? (previous.base?.rawRecords() ?? null) : null;
  const hot: HotSection = { paths: [], mtimes: [], bytes: [], lines: [], keys: [], symLens: [], notes: {}, mains: [] };
  const inputs: RankFacts[] = [];
  const records: Buffer[] = [];
  for (const [path, e] of next) {
    let record: Buffer | null;
    let input: RankFacts | null;
    if (e.facts) {
      record = encodeRecord(path, e.mtimeMs, e.bytes, e.facts.symbols);
      input = rankFactsOf(e.facts);
    } else {
      // From the previous base: its record copied as it is; left out when it cannot be read (parsed next time).
      record = raw && e.slot !== undefined ? raw.at(e.slot) : null;
      input = previous.rankFacts(e, path);
    }
    if (record === null || input === null) continue;
    const slot = hot.paths.length;
    hot.paths.push(path);
    hot.mtimes.push(e.mtimeMs);
    hot.bytes.push(e.bytes);
    hot.lines.push(e.lines);
    hot.keys.push(e.key);
    hot.symLens.push(record.length);
    if (e.note !== undefined) hot.notes[slot] = e.note;
    if (e.javaMain) hot.mains.push(slot);
    inputs.push(input);
    records.push(record);
  }
  const inputsSection = encodeInputs(inputs);
  const hotBuf = Buffer.from(JSON.stringify(hot));
  const inputsBuf = Buffer.from(JSON.stringify(inputsSection));
  const symbolsLength = records.reduce((n, r) => n + r.length, 0);
  const header: Header = { format: FORMAT, version: CACHE_VERSION, gen: randomUUID(), hot: [hotBuf.length, digest(hotBuf)], inputs: [inputsBuf.length, digest(inputsBuf)], symbols: symbolsLength };
  const headerBytes = Buffer.from(`${JSON.stringify(header)}\n`);
  const base = new Base(file, header, headerBytes, hot, inputsSection);
  return { bytes: Buffer.concat([headerBytes, hotBuf, inputsBuf, ...records]), cache: new LoadedCache(base, NO_LOG) };
}
