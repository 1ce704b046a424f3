import type { CacheEntry, LoadedCache } from './parseCache';
import { edgesOf, rank, refsFromUses, resolverOver, scoreOf, type RankInput } from './rank';
import { rankFactsOf, type RankFacts } from './rankFacts';
import { keysKeyOf, loadRank, pathsKeyOf, rankFileOf, saveRank, type RankDetail, type StoredRank } from './rankStore';
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
    const inputs: RankInput[] = walked.map((f, i) => ({ path: f.path, facts: all[i] }));
    const r = rank(inputs, (i) => (before && before.keys[i] === entries[i].key ? before.targets[i] : undefined));
    const detail: RankDetail = { keys: entries.map((e) => e.key), targets: r.targets, edges: r.edges, importers: r.importers, uses: r.uses, byWords: r.byWords };
    result = { scores: r.fileScores, refs: r.symbolRefs, detail };
  }
  if (rankFile !== undefined) await saveRank(rankFile, pathsKey, result.scores, result.refs, result.detail);
  return { scores: result.scores, refs: result.refs };
}

/**
 * The stored ranking updated for a few changed files of the same project: their old edges taken
 * out, their new ones put in, and the scores of the files that touches computed again. Null when
 * a changed file is ranked by words (Go, Rust, Java: a name counts in every file of the language),
 * which is computed whole.
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
  if (changed.some((i, k) => before.byWords[i] || facts[k].words !== '')) return null;
  const importers = [...before.importers];
  const uses = [...before.uses];
  const targets = [...before.targets];
  const edges = [...before.edges];
  const scores = [...stored.scores];
  const refs = [...stored.refs];
  const copied = new Set<number>();
  const usesOf = (t: number): Map<string, number> => {
    if (!copied.has(t)) {
      uses[t] = new Map(uses[t] ?? []);
      copied.add(t);
    }
    return uses[t] as Map<string, number>;
  };
  const touched = new Set<number>(changed);
  for (const c of changed) {
    for (const [t, names] of edges[c]) {
      importers[t]--;
      const u = usesOf(t);
      for (const n of names) {
        const left = (u.get(n) ?? 0) - 1;
        if (left > 0) u.set(n, left);
        else u.delete(n);
      }
      touched.add(t);
    }
  }
  const resolve = resolverOver(paths);
  changed.forEach((c, k) => {
    const f = facts[k];
    targets[c] = f.imports.map((ref) => resolve(paths[c], f.language, ref.from));
    edges[c] = edgesOf(c, f, targets[c]);
    for (const [t, names] of edges[c]) {
      importers[t]++;
      const u = usesOf(t);
      for (const n of names) u.set(n, (u.get(n) ?? 0) + 1);
      touched.add(t);
    }
  });
  const byChanged = new Map(changed.map((c, k) => [c, facts[k]]));
  const others = [...touched].filter((t) => !byChanged.has(t) && !before.byWords[t]);
  const otherNames = new Map((await namesOf(others)).map((names, k) => [others[k], names]));
  for (const t of touched) {
    if (!before.byWords[t]) {
      const names = byChanged.get(t)?.names ?? otherNames.get(t) ?? [];
      refs[t] = names.length === 0 ? [] : refsFromUses(names, uses[t]);
    }
    scores[t] = scoreOf(refs[t], importers[t]);
  }
  return { scores, refs, detail: { keys: entries.map((e) => e.key), targets, edges, importers, uses, byWords: before.byWords } };
}
