import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { statOrNone } from './parseCache';
import type { Edge } from './rank';
import { digest } from './rankFacts';

/**
 * The last ranking computed, kept beside the cache: ranking depends only on the project's paths and
 * each file's ranking inputs, so while the paths are the same and every file's fingerprint is the
 * one it was computed from, it is reused as it is (an edit inside a function's body leaves it
 * whole); when a few files changed, it is updated from its detail (each file's fingerprint and
 * import edges). Two digested files: the summary (read by every recon) and the detail (read only to
 * update); the detail names the summary it belongs to. A file that does not read whole is ignored.
 */
export interface StoredRank {
  /** Digest of the paths, in order. */
  pathsKey: string;
  /** Digest of every file's fingerprint, in order. */
  keysKey: string;
  scores: number[];
  /** Per file, per symbol, references ([] for none at all). */
  refs: number[][];
  /** What the ranking is made of; null when it cannot be read. */
  detail(): RankDetail | null;
}

/** What a ranking is made of, per file: its fingerprint and import edges (as stored: read on demand). */
export interface RankDetail {
  keys: string[];
  /** Sparse by file index: [target, ...names] per edge. */
  edges: Record<string, Array<[number, ...string[]]>>;
  /** Files ranked by words (Go, Rust, Java). */
  byWords: ReadonlySet<number>;
}

const RANK_VERSION = 4;
const DIGEST_CHARS = 16;

interface Summary {
  version: number;
  pathsKey: string;
  keysKey: string;
  scores: number[];
  /** Sparse: index → list. */
  refs: Record<string, number[]>;
}

interface Detail {
  version: number;
  pathsKey: string;
  keysKey: string;
  keys: string[];
  edges: Record<string, Array<[number, ...string[]]>>;
  byWords: number[];
}

let last: { file: string; stamp: string; rank: StoredRank } | null = null;

export function rankFileOf(cacheFile: string): string {
  return `${cacheFile}.rank`;
}

function detailFileOf(rankFile: string): string {
  return `${rankFile}.detail`;
}

export function pathsKeyOf(paths: readonly string[]): string {
  return digest(paths.join('\n'));
}

export function keysKeyOf(keys: readonly string[]): string {
  return digest(keys.join('\n'));
}

/** The edges of file i as stored; [] when none or not well formed. */
export function edgesAt(d: RankDetail, i: number): Edge[] {
  const list = d.edges[i];
  if (!Array.isArray(list)) return [];
  const out: Edge[] = [];
  for (const e of list) {
    if (!Array.isArray(e) || typeof e[0] !== 'number') return [];
    const names = e.slice(1);
    if (!names.every((n) => typeof n === 'string')) return [];
    out.push([e[0], names as string[]]);
  }
  return out;
}

export function edgesOnDisk(edges: readonly Edge[]): Array<[number, ...string[]]> {
  return edges.map(([t, names]) => [t, ...names]);
}

function stampOf(file: string): string | null {
  const s = statOrNone(file);
  return s ? `${s.size}:${s.mtimeMs}` : null;
}

const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => typeof n === 'number' && Number.isFinite(n));

/** The JSON of a digested text, or null when the digest does not match. */
function digested(text: string): unknown {
  const json = text.slice(DIGEST_CHARS);
  if (text.length <= DIGEST_CHARS || text.slice(0, DIGEST_CHARS) !== digest(json)) return null;
  return JSON.parse(json) as unknown;
}

export function loadRank(file: string): StoredRank | null {
  const stamp = stampOf(file);
  if (stamp === null) return null;
  if (last && last.file === file && last.stamp === stamp) return last.rank;
  try {
    const s = digested(readFileSync(file, 'utf8')) as Partial<Summary> | null;
    if (!s || s.version !== RANK_VERSION || typeof s.pathsKey !== 'string' || typeof s.keysKey !== 'string' || !isNumbers(s.scores) || !s.refs) return null;
    const n = s.scores.length;
    const refs: number[][] = new Array<number[]>(n);
    for (let i = 0; i < n; i++) {
      const r = s.refs[i] ?? [];
      if (!isNumbers(r)) return null;
      refs[i] = r;
    }
    const { pathsKey, keysKey } = s;
    let detail: RankDetail | null | undefined;
    const rank: StoredRank = { pathsKey, keysKey, scores: s.scores, refs, detail: () => (detail === undefined ? (detail = readDetail(detailFileOf(file), pathsKey, keysKey, n)) : detail) };
    last = { file, stamp, rank };
    return rank;
  } catch {
    return null;
  }
}

function readDetail(file: string, pathsKey: string, keysKey: string, n: number): RankDetail | null {
  try {
    const d = digested(readFileSync(file, 'utf8')) as Partial<Detail> | null;
    // The detail of another ranking (written by another recon in between) is not this one's.
    if (!d || d.version !== RANK_VERSION || d.pathsKey !== pathsKey || d.keysKey !== keysKey) return null;
    if (!Array.isArray(d.keys) || d.keys.length !== n || !d.keys.every((k) => typeof k === 'string') || keysKeyOf(d.keys) !== keysKey) return null;
    if (!d.edges || typeof d.edges !== 'object' || !isNumbers(d.byWords)) return null;
    return { keys: d.keys, edges: d.edges, byWords: new Set(d.byWords) };
  } catch {
    return null;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Stores the ranking; one that cannot be written is left out (the next recon computes it again). */
export async function saveRank(file: string, pathsKey: string, scores: number[], refs: number[][], detail: RankDetail): Promise<void> {
  const sparseRefs: Record<string, number[]> = {};
  refs.forEach((r, i) => {
    if (r.some((x) => x !== 0)) sparseRefs[i] = r;
  });
  const keysKey = keysKeyOf(detail.keys);
  const summary = JSON.stringify({ version: RANK_VERSION, pathsKey, keysKey, scores, refs: sparseRefs } satisfies Summary);
  const onDisk = JSON.stringify({ version: RANK_VERSION, pathsKey, keysKey, keys: detail.keys, edges: detail.edges, byWords: [...detail.byWords] } satisfies Detail);
  try {
    // The detail first: a reader meeting the new detail with the old summary sees they differ.
    await writeAtomically(detailFileOf(file), `${digest(onDisk)}${onDisk}`);
    await writeAtomically(file, `${digest(summary)}${summary}`);
    const stamp = stampOf(file);
    last = stamp === null ? null : { file, stamp, rank: { pathsKey, keysKey, scores, refs, detail: () => detail } };
  } catch {
    last = null;
  }
}
