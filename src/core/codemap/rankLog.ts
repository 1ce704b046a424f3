import { changedDetail, type RankDetail } from './rankDetail';

/**
 * Updates of a stored ranking (rankStore.ts), appended to a log beside it instead of rewriting the
 * ranking and its detail (megabytes on a big project) for a one-file change. Each line says which
 * ranking it updates (`from`, the fingerprint of every file's ranking inputs) and which it makes
 * (`to`), and carries only what changed. A reader applies, in order, each line that updates the
 * ranking it has reached and skips the others: two recons that updated the same ranking at once
 * each wrote a line from it, and only the first is taken (the second's recon computes again). A
 * line cut short by a crash does not parse and is skipped.
 */
export interface RankChange {
  version: number;
  pathsKey: string;
  from: string;
  to: string;
  /** By file index: the new score, symbol references, fingerprint, edges and incoming (encoded). */
  scores: Record<string, number>;
  refs: Record<string, number[]>;
  keys: Record<string, string>;
  out: Record<string, string>;
  into: Record<string, string>;
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function isRecordOf<T>(x: unknown, ok: (v: unknown) => v is T, n: number): x is Record<string, T> {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  for (const [k, v] of Object.entries(x)) {
    const i = Number(k);
    if (!Number.isInteger(i) || i < 0 || i >= n || !ok(v)) return false;
  }
  return true;
}

const isString = (x: unknown): x is string => typeof x === 'string';
/** A list of finite numbers (the stored ranking's scores and references are read with it too). */
export const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every(isNumber);

/** A log line as a change of a ranking of `n` files; null when it does not read whole. */
function changeOf(line: string, version: number, n: number): RankChange | null {
  let c: Partial<RankChange>;
  try {
    c = JSON.parse(line) as Partial<RankChange>;
  } catch {
    return null;
  }
  if (!c || c.version !== version || !isString(c.pathsKey) || !isString(c.from) || !isString(c.to)) return null;
  if (!isRecordOf(c.scores, isNumber, n) || !isRecordOf(c.refs, isNumbers, n)) return null;
  if (!isRecordOf(c.keys, isString, n) || !isRecordOf(c.out, isString, n) || !isRecordOf(c.into, isString, n)) return null;
  return c as RankChange;
}

export interface Replayed {
  keysKey: string;
  scores: number[];
  refs: number[][];
  /** The changes taken, in order (to patch the detail with when it is read). */
  taken: RankChange[];
}

/** The ranking `start` with the log's changes that follow on from it applied (its arrays are not changed). */
export function replay(log: string, version: number, start: { pathsKey: string; keysKey: string; scores: number[]; refs: number[][] }): Replayed {
  let { keysKey, scores, refs } = start;
  const taken: RankChange[] = [];
  for (const line of log.split('\n')) {
    const c = line ? changeOf(line, version, scores.length) : null;
    if (!c || c.pathsKey !== start.pathsKey || c.from !== keysKey) continue;
    if (taken.length === 0) {
      scores = [...scores];
      refs = [...refs];
    }
    for (const [i, v] of Object.entries(c.scores)) scores[Number(i)] = v;
    for (const [i, v] of Object.entries(c.refs)) refs[Number(i)] = v;
    keysKey = c.to;
    taken.push(c);
  }
  return { keysKey, scores, refs, taken };
}

/** The detail with the changes taken applied (a new detail; the one given is not changed). */
export function patched(d: RankDetail, taken: readonly RankChange[]): RankDetail {
  if (taken.length === 0) return d;
  const keys = [...d.keys];
  const out = new Map<number, string>();
  const into = new Map<number, string>();
  for (const c of taken) {
    for (const [i, v] of Object.entries(c.keys)) keys[Number(i)] = v;
    for (const [i, v] of Object.entries(c.out)) out.set(Number(i), v);
    for (const [i, v] of Object.entries(c.into)) into.set(Number(i), v);
  }
  return changedDetail(d, keys, out, into);
}

/** The log line of a change from `from` for the files given (score and references of `touched`, fingerprint and edges of `changed`). */
export function changeLine(
  version: number,
  pathsKey: string,
  from: string,
  to: string,
  scores: readonly number[],
  refs: readonly number[][],
  detail: RankDetail,
  changed: Iterable<number>,
  touched: Iterable<number>,
): string {
  const c: RankChange = { version, pathsKey, from, to, scores: {}, refs: {}, keys: {}, out: {}, into: {} };
  for (const i of changed) {
    c.keys[i] = detail.keys[i];
    c.out[i] = detail.out(i);
  }
  for (const i of touched) {
    c.scores[i] = scores[i];
    c.refs[i] = refs[i];
    c.into[i] = detail.into(i);
  }
  return `${JSON.stringify(c)}\n`;
}
