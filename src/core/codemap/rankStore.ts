import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { statOrNone } from './parseCache';
import type { Edge } from './rank';
import { digest } from './rankFacts';

/**
 * The last ranking computed, kept beside the cache: ranking depends only on the project's paths and
 * each file's ranking inputs, so while the paths are the same and every file's fingerprint is the
 * one it was computed from, it is reused as it is (an edit inside a function's body leaves it
 * whole). When it no longer fits, the targets of the imports of the files whose fingerprint is
 * unchanged are reused (the same paths resolve the same way), and the rest is computed again.
 * On disk, two digested JSON lines: what reuse needs (read always), then the per-file detail
 * (read only when the ranking is computed again). A file that does not read whole is ignored.
 */
export interface StoredRank {
  /** Digest of the paths, in order. */
  pathsKey: string;
  /** Digest of every file's fingerprint, in order. */
  keysKey: string;
  scores: number[];
  /** Per file, per symbol, references ([] for none at all). */
  refs: number[][];
  /** Per file, its fingerprint, and per import the index of the file it names (-1: none); null when unreadable. */
  detail(): RankDetail | null;
}

/** What a ranking is made of, per file: enough to update it when a few files change. */
export interface RankDetail {
  keys: string[];
  targets: number[][];
  edges: Edge[][];
  importers: number[];
  uses: Array<Map<string, number> | undefined>;
  byWords: boolean[];
}

const RANK_VERSION = 3;
const DIGEST_CHARS = 16;

interface Summary {
  version: number;
  pathsKey: string;
  keysKey: string;
  scores: number[];
  /** Sparse: index → list. */
  refs: Record<string, number[]>;
}

/** Sparse by file index. */
interface Detail {
  keys: string[];
  targets: Record<string, number[]>;
  /** [target, ...names] per edge. */
  edges: Record<string, Array<[number, ...string[]]>>;
  importers: Record<string, number>;
  /** name, count, name, count … (pairs in an array: a name may be "__proto__"). */
  uses: Record<string, Array<string | number>>;
  byWords: number[];
}

let last: { file: string; stamp: string; rank: StoredRank } | null = null;

export function rankFileOf(cacheFile: string): string {
  return `${cacheFile}.rank`;
}

export function pathsKeyOf(paths: readonly string[]): string {
  return digest(paths.join('\n'));
}

export function keysKeyOf(keys: readonly string[]): string {
  return digest(keys.join('\n'));
}

function stampOf(file: string): string | null {
  const s = statOrNone(file);
  return s ? `${s.size}:${s.mtimeMs}` : null;
}

const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => typeof n === 'number' && Number.isFinite(n));

/** The JSON of a digested line, or null when the digest does not match. */
function line(text: string): unknown {
  const json = text.slice(DIGEST_CHARS);
  if (text.length <= DIGEST_CHARS || text.slice(0, DIGEST_CHARS) !== digest(json)) return null;
  return JSON.parse(json) as unknown;
}

export function loadRank(file: string): StoredRank | null {
  const stamp = stampOf(file);
  if (stamp === null) return null;
  if (last && last.file === file && last.stamp === stamp) return last.rank;
  try {
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    const s = line(text.slice(0, nl)) as Partial<Summary> | null;
    if (!s || s.version !== RANK_VERSION || typeof s.pathsKey !== 'string' || typeof s.keysKey !== 'string' || !isNumbers(s.scores) || !s.refs) return null;
    const n = s.scores.length;
    const refs: number[][] = new Array<number[]>(n);
    for (let i = 0; i < n; i++) {
      const r = s.refs[i] ?? [];
      if (!isNumbers(r)) return null;
      refs[i] = r;
    }
    let detail: RankDetail | null | undefined;
    const rank: StoredRank = {
      pathsKey: s.pathsKey,
      keysKey: s.keysKey,
      scores: s.scores,
      refs,
      detail: () => {
        if (detail === undefined) detail = readDetail(text.slice(nl + 1).replace(/\n$/, ''), n);
        return detail;
      },
    };
    last = { file, stamp, rank };
    return rank;
  } catch {
    return null;
  }
}

function readDetail(text: string, n: number): RankDetail | null {
  try {
    const d = line(text) as Partial<Detail> | null;
    if (!d || !Array.isArray(d.keys) || d.keys.length !== n || !d.keys.every((k) => typeof k === 'string')) return null;
    if (!d.targets || !d.edges || !d.importers || !d.uses || !isNumbers(d.byWords)) return null;
    const targets: number[][] = new Array<number[]>(n);
    const edges: Edge[][] = new Array<Edge[]>(n);
    const importers: number[] = new Array<number>(n).fill(0);
    const uses: Array<Map<string, number> | undefined> = new Array<Map<string, number> | undefined>(n).fill(undefined);
    const byWords: boolean[] = new Array<boolean>(n).fill(false);
    const index = (i: number): boolean => Number.isInteger(i) && i >= 0 && i < n;
    for (let i = 0; i < n; i++) {
      const t = d.targets[i] ?? [];
      if (!isNumbers(t)) return null;
      targets[i] = t;
      const e = d.edges[i] ?? [];
      if (!Array.isArray(e)) return null;
      edges[i] = [];
      for (const [to, ...names] of e) {
        if (typeof to !== 'number' || !index(to) || !names.every((x) => typeof x === 'string')) return null;
        edges[i].push([to, names]);
      }
    }
    for (const [k, v] of Object.entries(d.importers)) {
      if (!index(Number(k)) || typeof v !== 'number') return null;
      importers[Number(k)] = v;
    }
    for (const [k, v] of Object.entries(d.uses)) {
      if (!index(Number(k)) || !Array.isArray(v) || v.length % 2 !== 0) return null;
      const m = new Map<string, number>();
      for (let j = 0; j < v.length; j += 2) {
        const name = v[j];
        const count = v[j + 1];
        if (typeof name !== 'string' || typeof count !== 'number') return null;
        m.set(name, count);
      }
      uses[Number(k)] = m;
    }
    for (const i of d.byWords) {
      if (!index(i)) return null;
      byWords[i] = true;
    }
    return { keys: d.keys, targets, edges, importers, uses, byWords };
  } catch {
    return null;
  }
}

function detailOnDisk(x: RankDetail): Detail {
  const d: Detail = { keys: x.keys, targets: {}, edges: {}, importers: {}, uses: {}, byWords: [] };
  for (let i = 0; i < x.keys.length; i++) {
    if (x.targets[i].length > 0) d.targets[i] = x.targets[i];
    if (x.edges[i].length > 0) d.edges[i] = x.edges[i].map(([t, names]) => [t, ...names]);
    if (x.importers[i] !== 0) d.importers[i] = x.importers[i];
    const u = x.uses[i];
    if (u && u.size > 0) d.uses[i] = [...u].flat();
    if (x.byWords[i]) d.byWords.push(i);
  }
  return d;
}

/** Stores the ranking; one that cannot be written is left out (the next recon computes it again). */
export async function saveRank(file: string, pathsKey: string, scores: number[], refs: number[][], detail: RankDetail): Promise<void> {
  const sparseRefs: Record<string, number[]> = {};
  refs.forEach((r, i) => {
    if (r.some((x) => x !== 0)) sparseRefs[i] = r;
  });
  const summary: Summary = { version: RANK_VERSION, pathsKey, keysKey: keysKeyOf(detail.keys), scores, refs: sparseRefs };
  const a = JSON.stringify(summary);
  const b = JSON.stringify(detailOnDisk(detail));
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, `${digest(a)}${a}\n${digest(b)}${b}\n`);
    await rename(tmp, file);
    const stamp = stampOf(file);
    last = stamp === null ? null : { file, stamp, rank: { pathsKey, keysKey: summary.keysKey, scores, refs, detail: () => detail } };
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}
