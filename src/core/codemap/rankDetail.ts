import type { Edge } from './rank';
import { digest } from './rankFacts';

/**
 * What a ranking is made of, per file, as stored beside it (rankStore.ts): its fingerprint, its
 * import edges, and what comes into it (importers and the names they use). An update reads the
 * fingerprints of all files but the edges of only the few files it touches, so the edges are
 * stored as lines found through an index and decoded one by one when asked for.
 *
 * The file: a JSON header line (version, which ranking it belongs to, how many files, the files
 * ranked by words, the lengths and digests of the parts), then the fingerprints (n lines, their
 * digest is the ranking's keysKey), then the index (2n + 1 offsets, 32-bit little-endian), then the
 * n edge lines and n incoming lines, each led by a checksum of its place and text (a line damaged
 * or moved is seen when it is read). An edge line: `target:name,name target …` ('' for none); an
 * incoming line: `importers name:count …`. Names are escaped (%XX) where they hold a character of
 * that syntax.
 */
export interface RankDetail {
  keys: readonly string[];
  /** File i's edges, encoded (edgesAt decodes). Throws DamagedDetail when its stored line is damaged. */
  out(i: number): string;
  /** What comes into file i, encoded (incomingAt decodes). Throws DamagedDetail when its stored line is damaged. */
  into(i: number): string;
  /** Files ranked by words (Go, Rust, Java). */
  byWords: ReadonlySet<number>;
  /**
   * Line k as stored (checksum and text; k < n: file k's edges, else file k - n's incoming), when it
   * is unchanged since it was read: a detail written again copies it instead of decoding it.
   */
  stored?(k: number): Buffer | undefined;
}

/** A detail computed whole, held as lists. */
export function listedDetail(keys: readonly string[], out: readonly string[], into: readonly string[], byWords: ReadonlySet<number>): RankDetail {
  return { keys, out: (i) => out[i] ?? '', into: (i) => into[i] ?? '', byWords };
}

/** A detail with some files' lines replaced over another (which it keeps: its lines are read when asked for). */
class ChangedDetail implements RankDetail {
  constructor(
    readonly keys: readonly string[],
    readonly under: RankDetail,
    readonly outs: ReadonlyMap<number, string>,
    readonly intos: ReadonlyMap<number, string>,
  ) {}

  get byWords(): ReadonlySet<number> {
    return this.under.byWords;
  }

  out(i: number): string {
    return this.outs.get(i) ?? this.under.out(i);
  }

  into(i: number): string {
    return this.intos.get(i) ?? this.under.into(i);
  }

  stored(k: number): Buffer | undefined {
    const n = this.keys.length;
    return (k < n ? this.outs.has(k) : this.intos.has(k - n)) ? undefined : this.under.stored?.(k);
  }
}

/**
 * `d` with some files' lines replaced (an update; a log's changes over a stored detail). Changes
 * over changes are merged onto the detail first changed: a long session of updates in one process
 * keeps one layer of changes, not one per update.
 */
export function changedDetail(
  d: RankDetail,
  keys: readonly string[],
  out: ReadonlyMap<number, string>,
  into: ReadonlyMap<number, string>,
): RankDetail {
  if (d instanceof ChangedDetail) return new ChangedDetail(keys, d.under, new Map([...d.outs, ...out]), new Map([...d.intos, ...into]));
  return new ChangedDetail(keys, d, out, into);
}

/** Importers of a file, and per name how many of them use it. */
export interface Incoming {
  importers: number;
  uses: Map<string, number>;
}

/** Which ranking a detail belongs to. */
export interface DetailOwner {
  version: number;
  pathsKey: string;
  keysKey: string;
}

/** A stored part that does not decode: the caller computes the ranking whole. */
class DamagedDetail extends Error {}

export function isDamagedDetail(e: unknown): boolean {
  return e instanceof DamagedDetail;
}

const RESERVED = /[%,: \n\r]/g;
const ESCAPED = /%([0-9A-F]{2})/g;

function escapeName(name: string): string {
  return name.replace(RESERVED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function unescapeName(text: string): string {
  return text.includes('%') ? text.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

function index(text: string): number {
  const n = Number(text);
  if (text === '' || !Number.isInteger(n) || n < 0) throw new DamagedDetail(`not a count: ${text}`);
  return n;
}

export function encodeEdges(edges: readonly Edge[]): string {
  return edges.map(([t, names]) => (names.length === 0 ? `${t}` : `${t}:${names.map(escapeName).join(',')}`)).join(' ');
}

/** The edges of file i as stored. Throws DamagedDetail when they do not decode. */
export function edgesAt(d: RankDetail, i: number): Edge[] {
  const text = d.out(i);
  if (!text) return [];
  return text.split(' ').map((part): Edge => {
    const colon = part.indexOf(':');
    if (colon < 0) return [index(part), []];
    return [index(part.slice(0, colon)), part.slice(colon + 1).split(',').map(unescapeName)];
  });
}

export function encodeIncoming(into: Incoming): string {
  if (into.importers === 0 && into.uses.size === 0) return '';
  let text = `${into.importers}`;
  for (const [name, n] of into.uses) text += ` ${escapeName(name)}:${n}`;
  return text;
}

/** What comes into file i as stored. Throws DamagedDetail when it does not decode. */
export function incomingAt(d: RankDetail, i: number): Incoming {
  const text = d.into(i);
  const uses = new Map<string, number>();
  if (!text) return { importers: 0, uses };
  const parts = text.split(' ');
  for (let k = 1; k < parts.length; k++) {
    const colon = parts[k].lastIndexOf(':');
    if (colon < 0) throw new DamagedDetail(`not a use: ${parts[k]}`);
    uses.set(unescapeName(parts[k].slice(0, colon)), index(parts[k].slice(colon + 1)));
  }
  return { importers: index(parts[0]), uses };
}

/** A line's checksum (FNV-1a over its place and text, 8 hex digits): cheap enough for every line written. */
function checksum(place: number, text: string): string {
  let h = 0x811c9dc5 ^ place;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const CHECK_CHARS = 8;

interface StoredHeader extends DetailOwner {
  files: number;
  byWords: number[];
  /** Byte lengths of the fingerprints and of the index. */
  keysBytes: number;
  indexBytes: number;
  /** Digest of the index. */
  index: string;
}

function encodedLine(k: number, text: string): Buffer {
  return Buffer.from(`${checksum(k, text)}${text}`);
}

/** The detail as stored (see above). */
export function detailBytes(owner: DetailOwner, d: RankDetail): Buffer {
  const n = d.keys.length;
  const keys = Buffer.from(d.keys.join('\n'));
  const lines: Buffer[] = [];
  const index = Buffer.alloc(4 * (2 * n + 1));
  let at = 0;
  for (let k = 0; k < 2 * n; k++) {
    const line = d.stored?.(k) ?? encodedLine(k, k < n ? d.out(k) : d.into(k - n));
    index.writeUInt32LE(at, 4 * k);
    lines.push(line);
    at += line.length;
  }
  index.writeUInt32LE(at, 8 * n);
  const header: StoredHeader = { ...owner, files: n, byWords: [...d.byWords], keysBytes: keys.length, indexBytes: index.length, index: digest(index) };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), keys, index, ...lines]);
}

/**
 * The detail in `bytes` when it is the one of `owner` for `n` files and its header, fingerprints and
 * index read whole; else null. Its lines are checked as they are read (out, into).
 */
export function detailFrom(bytes: Buffer, owner: DetailOwner, n: number): RankDetail | null {
  const nl = bytes.indexOf(10);
  if (nl < 0) return null;
  let h: Partial<StoredHeader>;
  try {
    h = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as Partial<StoredHeader>;
  } catch {
    return null;
  }
  // The detail of another ranking (written by another recon in between) is not this one's.
  if (!h || h.version !== owner.version || h.pathsKey !== owner.pathsKey || h.keysKey !== owner.keysKey || h.files !== n) return null;
  if (typeof h.keysBytes !== 'number' || h.indexBytes !== 4 * (2 * n + 1) || typeof h.index !== 'string' || !Array.isArray(h.byWords)) return null;
  const byWords = h.byWords;
  if (!byWords.every((w) => Number.isInteger(w) && w >= 0 && w < n)) return null;
  const keysAt = nl + 1;
  const indexAt = keysAt + h.keysBytes;
  const linesAt = indexAt + h.indexBytes;
  if (linesAt > bytes.length) return null;
  const keysBuf = bytes.subarray(keysAt, indexAt);
  // The fingerprints' digest is the ranking's own keysKey: they are the ones it was computed from.
  if (digest(keysBuf) !== owner.keysKey) return null;
  const index = bytes.subarray(indexAt, linesAt);
  if (digest(index) !== h.index || linesAt + index.readUInt32LE(8 * n) !== bytes.length) return null;
  const keys = n === 0 ? [] : keysBuf.toString('utf8').split('\n');
  if (keys.length !== n) return null;
  const raw = (k: number): Buffer => bytes.subarray(linesAt + index.readUInt32LE(4 * k), linesAt + index.readUInt32LE(4 * (k + 1)));
  const line = (k: number): string => {
    const stored = raw(k);
    if (stored.length < CHECK_CHARS) throw new DamagedDetail(`line ${k}: cut short`);
    const text = stored.toString('utf8');
    const body = text.slice(CHECK_CHARS);
    if (checksum(k, body) !== text.slice(0, CHECK_CHARS)) throw new DamagedDetail(`line ${k}: checksum`);
    return body;
  };
  // A line copied as stored keeps its checksum: damage there is still seen when it is read.
  return { keys, out: (i) => line(i), into: (i) => line(n + i), byWords: new Set(byWords), stored: (k) => (k >= 0 && k < 2 * n ? raw(k) : undefined) };
}
