import type { CacheEntry, LoadedCache } from './parseCache';
import { edgesOf, rank, refsFromUses, resolverOver, scoreOf, type RankInput } from './rank';
import { rankFactsOf, type RankFacts } from './rankFacts';
import { edgesAt, edgesOnDisk, keysKeyOf, loadRank, pathsKeyOf, rankFileOf, saveRank, type RankDetail, type StoredRank } from './rankStore';
import type { WalkedFile } from './walk';

export interface Ranking {
  /** Per file, in walk order. */
  scores: readonly number[];
  /** Per file, per symbol ([] or shorter: none). */
  refs: readonly (readonly number[])[];
}

/** Above this share of changed files the ranking is computed whole rather than updated. */
const UPDATE_SHARE = 0.05;

/**
 * The ranking of the walked files: the stored one while it fits them (rankStore.ts); updated from
 * it when the paths are the same and a few files changed; else computed from every file's ranking
 * inputs (read from the cache, or from the file when the cache cannot give them: `reparse`
 * replaces those entries). Either way the result is the same as computing it whole (pinned by the
 * cache tests), and it is stored for the next recon.
 */
export async function rankedWithStore(
  walked: readonly WalkedFile[],
  entries: CacheEntry[],
  cache: LoadedCache,
  reparse: (indices: number[]) => Promise<void>,
  cacheFile?: string,
): Promise<Ranking> {
  const paths = walked.map((f) => f.path);
  const pathsKey = pathsKeyOf(paths);
  const keys = entries.map((e) => e.key);
  const rankFile = cacheFile === undefined ? undefined : rankFileOf(cacheFile);
  const stored = rankFile === undefined ? null : loadRank(rankFile);
  const samePaths = stored !== null && stored.pathsKey === pathsKey && stored.scores.length === walked.length;
  if (samePaths && stored.keysKey === keysKeyOf(keys)) return { scores: stored.scores, refs: stored.refs };
  const before = samePaths ? stored.detail() : null;

  /** Ranking inputs of file i, from the cache or, when it cannot give them, from the file. */
  const factsOf = async (indices: number[]): Promise<RankFacts[]> => {
    const got = indices.map((i) => cache.rankFacts(entries[i], paths[i]));
    const missing = indices.filter((_, k) => got[k] === null);
    if (missing.length > 0) await reparse(missing);
    return indices.map((i, k) => got[k] ?? (entries[i].facts ? rankFactsOf(entries[i].facts) : { language: 'other', names: [], words: '', imports: [] }));
  };

  /** Symbol names of unchanged files: from their symbol records (read one by one), not the ranking inputs of all. */
  const namesOf = async (indices: number[]): Promise<string[][]> => {
    const got = indices.map((i) => cache.symbols(entries[i], paths[i]));
    const missing = indices.filter((_, k) => got[k] === null);
    if (missing.length > 0) await reparse(missing);
    return indices.map((i, k) => (got[k] ?? entries[i].facts?.symbols ?? []).map((s) => s.name));
  };

  let result: { scores: number[]; refs: number[][]; detail: RankDetail } | null = null;
  if (samePaths && before) {
    const changed = keys.flatMap((k, i) => (k === before.keys[i] ? [] : [i]));
    if (changed.length <= UPDATE_SHARE * walked.length) result = await updated(stored, before, changed, await factsOf(changed), paths, entries, namesOf);
  }
  if (!result) {
    const all = await factsOf(walked.map((_, i) => i));
    const r = rank(walked.map((f, i): RankInput => ({ path: f.path, facts: all[i] })));
    const edges: RankDetail['edges'] = {};
    r.edges.forEach((e, i) => {
      if (e.length > 0) edges[i] = edgesOnDisk(e);
    });
    const byWords = new Set(r.byWords.flatMap((w, i) => (w ? [i] : [])));
    result = { scores: r.fileScores, refs: r.symbolRefs, detail: { keys: entries.map((e) => e.key), edges, byWords } };
  }
  if (rankFile !== undefined) await saveRank(rankFile, pathsKey, result.scores, result.refs, result.detail);
  return { scores: result.scores, refs: result.refs };
}

/**
 * The stored ranking updated for a few changed files of the same project: their edges replaced,
 * then the importers and used names of every file those edges touch counted again over all edges,
 * and those files' scores computed again. Null when a changed file is ranked by words (Go, Rust,
 * Java: a name counts in every file of the language), which is computed whole.
 */
async function updated(
  stored: StoredRank,
  before: RankDetail,
  changed: readonly number[],
  facts: readonly RankFacts[],
  paths: readonly string[],
  entries: readonly CacheEntry[],
  namesOf: (indices: number[]) => Promise<string[][]>,
): Promise<{ scores: number[]; refs: number[][]; detail: RankDetail } | null> {
  if (changed.some((i, k) => before.byWords.has(i) || facts[k].words !== '')) return null;
  const edges: RankDetail['edges'] = { ...before.edges };
  const touched = new Set<number>(changed);
  const resolve = resolverOver(paths);
  changed.forEach((c, k) => {
    for (const [t] of edgesAt(before, c)) touched.add(t);
    const f = facts[k];
    const now = edgesOf(c, f, f.imports.map((ref) => resolve(paths[c], f.language, ref.from)));
    for (const [t] of now) touched.add(t);
    if (now.length > 0) edges[c] = edgesOnDisk(now);
    else delete edges[c];
  });
  // Who imports the touched files, and which names, over every file's edges.
  const importers = new Map<number, number>();
  const uses = new Map<number, Map<string, number>>();
  for (const list of Object.values(edges)) {
    for (const e of list) {
      const t = e[0];
      if (!touched.has(t)) continue;
      importers.set(t, (importers.get(t) ?? 0) + 1);
      let used = uses.get(t);
      if (!used) uses.set(t, (used = new Map()));
      for (let j = 1; j < e.length; j++) used.set(e[j] as string, (used.get(e[j] as string) ?? 0) + 1);
    }
  }
  const scores = [...stored.scores];
  const refs = [...stored.refs];
  const byChanged = new Map(changed.map((c, k) => [c, facts[k]]));
  const others = [...touched].filter((t) => !byChanged.has(t) && !before.byWords.has(t));
  const otherNames = new Map((await namesOf(others)).map((names, k) => [others[k], names]));
  for (const t of touched) {
    if (!before.byWords.has(t)) {
      const names = byChanged.get(t)?.names ?? otherNames.get(t) ?? [];
      refs[t] = names.length === 0 ? [] : refsFromUses(names, uses.get(t));
    }
    scores[t] = scoreOf(refs[t], importers.get(t) ?? 0);
  }
  return { scores, refs, detail: { keys: entries.map((e) => e.key), edges, byWords: before.byWords } };
}
