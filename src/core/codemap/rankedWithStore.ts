import type { CacheEntry, LoadedCache } from './parseCache';
import { edgesOf, rank, refsFromUses, resolverOver, scoreOf, type RankInput } from './rank';
import { rankFactsOf, type RankFacts } from './rankFacts';
import { changedDetail, edgesAt, encodeEdges, encodeIncoming, incomingAt, isDamagedDetail, listedDetail, type Incoming, type RankDetail } from './rankDetail';
import { keysKeyOf, loadRank, pathsKeyOf, rankFileOf, saveRank, type RankUpdate, type StoredRank } from './rankStore';

export interface Ranking {
  /** Per file, in walk order. */
  scores: readonly number[];
  /** Per file, per symbol ([] or shorter: none). */
  refs: readonly (readonly number[])[];
}

/** A ranking as computed: whole, or updated (then what the update changed, to store it as such). */
interface Computed {
  scores: number[];
  refs: number[][];
  detail: RankDetail;
  update?: RankUpdate;
}

/** Above this share of changed files the ranking is computed whole rather than updated. */
const UPDATE_SHARE = 0.05;

/** What ranking needs of the paths alone: their digest (also the key of the map's folds), and the stored ranking when it is of these paths. */
export interface RankPrep {
  paths: readonly string[];
  pathsKey: string;
  rankFile?: string;
  /** The stored ranking when it was computed over these same paths; null otherwise. */
  stored: StoredRank | null;
}

export function prepareRanking(paths: readonly string[], cacheFile: string | undefined): RankPrep {
  const pathsKey = pathsKeyOf(paths);
  const rankFile = cacheFile === undefined ? undefined : rankFileOf(cacheFile);
  const loaded = rankFile === undefined ? null : loadRank(rankFile);
  const stored = loaded !== null && loaded.pathsKey === pathsKey && loaded.scores.length === paths.length ? loaded : null;
  return rankFile === undefined ? { paths, pathsKey, stored } : { paths, pathsKey, rankFile, stored };
}

/**
 * The ranking of the walked files: the stored one while it fits them (rankStore.ts); updated from
 * it when the paths are the same and a few files changed; else computed from every file's ranking
 * inputs (read from the cache, or from the file when the cache cannot give them: `reparse`
 * replaces those entries). Either way the result is the same as computing it whole (pinned by the
 * cache tests), and it is stored for the next recon.
 */
export async function rankedWithStore(
  prep: RankPrep,
  entries: CacheEntry[],
  cache: LoadedCache,
  reparse: (indices: number[]) => Promise<void>,
): Promise<Ranking> {
  const { paths, pathsKey, rankFile, stored } = prep;
  const keys = new Array<string>(paths.length);
  for (let i = 0; i < paths.length; i++) keys[i] = entries[i].key;
  const keysKey = rankFile === undefined ? '' : keysKeyOf(keys);
  if (stored && stored.keysKey === keysKey) return { scores: stored.scores, refs: stored.refs };
  const before = stored ? stored.detail() : null;

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

  let result: Computed | null = null;
  if (stored && before) {
    const changed: number[] = [];
    for (let i = 0; i < keys.length; i++) if (keys[i] !== before.keys[i]) changed.push(i);
    if (changed.length <= UPDATE_SHARE * paths.length) {
      try {
        result = await updated(stored, before, changed, await factsOf(changed), paths, keys, namesOf);
      } catch (e) {
        // A stored part that does not decode: computed whole below.
        if (!isDamagedDetail(e)) throw e;
      }
    }
  }
  if (!result) {
    const all = await factsOf(paths.map((_, i) => i));
    const r = rank(paths.map((path, i): RankInput => ({ path, facts: all[i] })));
    const byWords = new Set(r.byWords.flatMap((w, i) => (w ? [i] : [])));
    const out = r.edges.map(encodeEdges);
    const into = r.importers.map((importers, i) => encodeIncoming({ importers, uses: r.uses[i] ?? new Map<string, number>() }));
    result = { scores: r.fileScores, refs: r.symbolRefs, detail: listedDetail(keys, out, into, byWords) };
  }
  if (rankFile !== undefined) await saveRank(rankFile, { pathsKey, keysKey }, result.scores, result.refs, result.detail, result.update);
  return { scores: result.scores, refs: result.refs };
}

/**
 * The stored ranking updated for a few changed files of the same project: each changed file's old
 * edges taken out of what comes into their targets and its new edges put in (counts, so the result
 * is what counting over every file's edges gives), then the scores of every file those edges touch
 * computed again. Null when a changed file is ranked by words (Go, Rust, Java: a name counts in every
 * file of the language), which is computed whole. Throws DamagedDetail when a stored part the update
 * needs does not decode.
 */
async function updated(
  stored: StoredRank,
  before: RankDetail,
  changed: readonly number[],
  facts: readonly RankFacts[],
  paths: readonly string[],
  keys: string[],
  namesOf: (indices: number[]) => Promise<string[][]>,
): Promise<Computed | null> {
  if (changed.some((i, k) => before.byWords.has(i) || facts[k].words !== '')) return null;
  const out = new Map<number, string>();
  const into = new Map<number, string>();
  const incoming = new Map<number, Incoming>();
  const at = (t: number): Incoming => {
    let got = incoming.get(t);
    if (!got) incoming.set(t, (got = incomingAt(before, t)));
    return got;
  };
  const count = (t: number, names: readonly string[], by: 1 | -1): void => {
    const got = at(t);
    got.importers += by;
    for (const n of names) {
      const left = (got.uses.get(n) ?? 0) + by;
      if (left > 0) got.uses.set(n, left);
      else got.uses.delete(n);
    }
  };
  const resolve = resolverOver(paths, true);
  changed.forEach((c, k) => {
    for (const [t, names] of edgesAt(before, c)) count(t, names, -1);
    const f = facts[k];
    const now = edgesOf(c, f, f.imports.map((ref) => resolve(paths[c], f.language, ref.from)));
    for (const [t, names] of now) count(t, names, 1);
    out.set(c, encodeEdges(now));
  });
  for (const [t, got] of incoming) into.set(t, encodeIncoming(got));
  const touched = new Set<number>([...changed, ...incoming.keys()]);
  const scores = [...stored.scores];
  const refs = [...stored.refs];
  const byChanged = new Map(changed.map((c, k) => [c, facts[k]]));
  const others = [...touched].filter((t) => !byChanged.has(t) && !before.byWords.has(t));
  const otherNames = new Map((await namesOf(others)).map((names, k) => [others[k], names]));
  for (const t of touched) {
    const got = at(t);
    if (!before.byWords.has(t)) {
      const names = byChanged.get(t)?.names ?? otherNames.get(t) ?? [];
      refs[t] = names.length === 0 ? [] : refsFromUses(names, got.uses);
    }
    scores[t] = scoreOf(refs[t], got.importers);
  }
  return { scores, refs, detail: changedDetail(before, keys, out, into), update: { from: stored.keysKey, changed, touched } };
}
