import type { Edge } from './rank';
import { digest } from './rankFacts';

/**
 * What a ranking is made of, per file, as stored beside it (rankStore.ts): its fingerprint, its
 * import edges, and what comes into it (importers and the names they use). Stored as lines of
 * plain text, one per file and part, each decoded only when an update touches its file: reading
 * the detail of a project of tens of thousands of files is then a split of lines, not the parse of
 * as many small arrays (a JSON form cost ten times as much).
 *
 * The file: a JSON header line (version, which ranking it belongs to, how many files, a digest of
 * the rest), then n key lines, n edge lines, n incoming lines and one line of the files ranked by
 * words. An edge line: `target:name,name target …` ('' for none); an incoming line:
 * `importers name:count …`. Names are escaped (%XX) where they hold a character of that syntax.
 */
export interface RankDetail {
  keys: string[];
  /** Per file: its edges, encoded (edgesAt decodes). */
  out: string[];
  /** Per file: its importers and the names they use, encoded (incomingAt decodes). */
  into: string[];
  /** Files ranked by words (Go, Rust, Java). */
  byWords: ReadonlySet<number>;
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
  const text = d.out[i];
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
  const text = d.into[i];
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

/** The detail as stored: its header line, then its lines (see above). */
export function detailBytes(owner: DetailOwner, d: RankDetail): Buffer {
  const body = Buffer.from([...d.keys, ...d.out, ...d.into, [...d.byWords].join(' ')].join('\n'));
  const header = JSON.stringify({ ...owner, files: d.keys.length, body: digest(body) });
  return Buffer.concat([Buffer.from(`${header}\n`), body]);
}

/** The detail in `bytes` when it is the one of `owner` for `n` files and reads whole; else null. */
export function detailFrom(bytes: Buffer, owner: DetailOwner, n: number): RankDetail | null {
  const nl = bytes.indexOf(10);
  if (nl < 0) return null;
  let header: unknown;
  try {
    header = JSON.parse(bytes.subarray(0, nl).toString('utf8'));
  } catch {
    return null;
  }
  const h = header as Partial<DetailOwner & { files: number; body: string }> | null;
  // The detail of another ranking (written by another recon in between) is not this one's.
  if (!h || h.version !== owner.version || h.pathsKey !== owner.pathsKey || h.keysKey !== owner.keysKey || h.files !== n) return null;
  const body = bytes.subarray(nl + 1);
  if (digest(body) !== h.body) return null;
  const lines = body.toString('utf8').split('\n');
  if (lines.length !== 3 * n + 1) return null;
  const words = lines[3 * n] === '' ? [] : lines[3 * n].split(' ').map(Number);
  if (!words.every((w) => Number.isInteger(w) && w >= 0 && w < n)) return null;
  return { keys: lines.slice(0, n), out: lines.slice(n, 2 * n), into: lines.slice(2 * n, 3 * n), byWords: new Set(words) };
}
