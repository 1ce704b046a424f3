import { readFileSync } from 'node:fs';
import { appendFile, rm } from 'node:fs/promises';
import { writeAtomically } from './atomicWrite';
import { statOrNone } from './parseCache';
import { detailBytes, detailFrom, type RankDetail } from './rankDetail';
import { digest } from './rankFacts';
import { changeLine, isNumbers, patched, replay } from './rankLog';

/**
 * The last ranking computed, kept beside the cache: ranking depends only on the project's paths and
 * each file's ranking inputs, so while the paths are the same and every file's fingerprint is the
 * one it was computed from, it is reused as it is (an edit inside a function's body leaves it
 * whole); when a few files changed, it is updated from its detail (each file's fingerprint and
 * import edges). Two digested files: the summary (read by every recon) and the detail (read only to
 * update; rankDetail.ts); the detail names the summary it belongs to. Updates since are lines of a
 * log beside them (rankLog.ts). A file that does not read whole is ignored.
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

const RANK_VERSION = 6;
const DIGEST_CHARS = 16;

interface Summary {
  version: number;
  pathsKey: string;
  keysKey: string;
  scores: number[];
  /** Sparse: index → list. */
  refs: Record<string, number[]>;
}

let last: { file: string; stamp: string; rank: StoredRank } | null = null;

export function rankFileOf(cacheFile: string): string {
  return `${cacheFile}.rank`;
}

function detailFileOf(rankFile: string): string {
  return `${rankFile}.detail`;
}

function logFileOf(rankFile: string): string {
  return `${rankFile}.log`;
}

export function pathsKeyOf(paths: readonly string[]): string {
  return digest(paths.join('\n'));
}

export function keysKeyOf(keys: readonly string[]): string {
  return digest(keys.join('\n'));
}

/** size:mtime of the summary and of the log; null when there is no summary. */
function stampOf(file: string): string | null {
  const s = statOrNone(file);
  const log = statOrNone(logFileOf(file));
  return s ? `${s.size}:${s.mtimeMs}|${log ? `${log.size}:${log.mtimeMs}` : '-'}` : null;
}


/** The JSON of a digested file's bytes, or null when the digest does not match (digested as bytes: cheaper than as text). */
function digested(bytes: Buffer): unknown {
  const json = bytes.subarray(DIGEST_CHARS);
  if (bytes.length <= DIGEST_CHARS || bytes.subarray(0, DIGEST_CHARS).toString('latin1') !== digest(json)) return null;
  return JSON.parse(json.toString('utf8')) as unknown;
}

export function loadRank(file: string): StoredRank | null {
  const stamp = stampOf(file);
  if (stamp === null) return null;
  if (last && last.file === file && last.stamp === stamp) return last.rank;
  try {
    const s = digested(readFileSync(file)) as Partial<Summary> | null;
    if (!s || s.version !== RANK_VERSION || typeof s.pathsKey !== 'string' || typeof s.keysKey !== 'string' || !isNumbers(s.scores) || !s.refs) return null;
    const n = s.scores.length;
    const refs: number[][] = new Array<number[]>(n);
    for (let i = 0; i < n; i++) {
      const r = s.refs[i] ?? [];
      if (!isNumbers(r)) return null;
      refs[i] = r;
    }
    const { pathsKey } = s;
    const base = s.keysKey;
    const now = replay(readLog(logFileOf(file)), RANK_VERSION, { pathsKey, keysKey: base, scores: s.scores, refs });
    let detail: RankDetail | null | undefined;
    const readWhole = (): RankDetail | null => {
      const d = readDetail(detailFileOf(file), pathsKey, base, n);
      const whole = d && patched(d, now.taken);
      // Keys that are not the ones the ranking was computed from: not this ranking's detail.
      return whole && keysKeyOf(whole.keys) === now.keysKey ? whole : null;
    };
    const rank: StoredRank = { pathsKey, keysKey: now.keysKey, scores: now.scores, refs: now.refs, detail: () => (detail === undefined ? (detail = readWhole()) : detail) };
    last = { file, stamp, rank };
    return rank;
  } catch {
    return null;
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // no log: the summary is the whole ranking
  }
}

function readDetail(file: string, pathsKey: string, keysKey: string, n: number): RankDetail | null {
  try {
    return detailFrom(readFileSync(file), { version: RANK_VERSION, pathsKey, keysKey }, n);
  } catch {
    return null;
  }
}

/** What an update changed, from which ranking: enough to store it as a line of the log. */
export interface RankUpdate {
  /** The fingerprint of the ranking updated. */
  from: string;
  /** Files whose ranking inputs changed (their fingerprints and edges are new). */
  changed: readonly number[];
  /** Files whose score, references or incoming may have changed. */
  touched: Iterable<number>;
}

/**
 * The log is folded into the ranking once it passes a quarter of the detail's size, or 256 KB: every
 * recon reads the log whole, and on a big project a quarter of the detail is megabytes.
 */
const LOG_MAX_BYTES = 256 * 1024;

function logIsSmall(file: string): boolean {
  const detail = statOrNone(detailFileOf(file));
  const log = statOrNone(logFileOf(file));
  return detail !== undefined && (!log || log.size < Math.min(detail.size / 4, LOG_MAX_BYTES));
}

/**
 * Stores the ranking (`keysKey`: keysKeyOf(detail.keys)): an update as a line appended to the log while the log is small, else the
 * ranking and its detail whole (the log then removed). One that cannot be written is left out (the
 * next recon computes it again).
 */
export async function saveRank(
  file: string,
  { pathsKey, keysKey }: { pathsKey: string; keysKey: string },
  scores: number[],
  refs: number[][],
  detail: RankDetail,
  update?: RankUpdate,
): Promise<void> {
  try {
    if (update && statOrNone(file) && logIsSmall(file)) {
      await appendFile(logFileOf(file), changeLine(RANK_VERSION, pathsKey, update.from, keysKey, scores, refs, detail, update.changed, update.touched));
    } else {
      const sparseRefs: Record<string, number[]> = {};
      refs.forEach((r, i) => {
        if (r.some((x) => x !== 0)) sparseRefs[i] = r;
      });
      const summary = JSON.stringify({ version: RANK_VERSION, pathsKey, keysKey, scores, refs: sparseRefs } satisfies Summary);
      // The detail first: a reader meeting the new detail with the old summary sees they differ.
      await writeAtomically(detailFileOf(file), detailBytes({ version: RANK_VERSION, pathsKey, keysKey }, detail));
      await writeAtomically(file, `${digest(summary)}${summary}`);
      await rm(logFileOf(file), { force: true });
    }
    const stamp = stampOf(file);
    last = stamp === null ? null : { file, stamp, rank: { pathsKey, keysKey, scores, refs, detail: () => detail } };
  } catch {
    last = null;
  }
}
