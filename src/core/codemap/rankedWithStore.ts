import type { CacheEntry, LoadedCache } from './parseCache';
import { rank, type RankInput } from './rank';
import { rankFactsOf, type RankFacts } from './rankFacts';
import { keysKeyOf, loadRank, pathsKeyOf, rankFileOf, saveRank } from './rankStore';
import type { WalkedFile } from './walk';

export interface Ranking {
  /** Per file, in walk order. */
  scores: readonly number[];
  /** Per file, per symbol ([] or shorter: none). */
  refs: readonly (readonly number[])[];
}

/**
 * The ranking of the walked files: the stored one while it fits them (rankStore.ts), else computed
 * from each file's ranking inputs (read from the cache, or from the file when the cache cannot
 * give them: `reparse` replaces those entries) and stored for the next recon.
 */
export async function rankedWithStore(
  walked: readonly WalkedFile[],
  entries: CacheEntry[],
  cache: LoadedCache,
  reparse: (indices: number[]) => Promise<void>,
  cacheFile?: string,
): Promise<Ranking> {
  const pathsKey = pathsKeyOf(walked.map((f) => f.path));
  const keys = entries.map((e) => e.key);
  const rankFile = cacheFile === undefined ? undefined : rankFileOf(cacheFile);
  const stored = rankFile === undefined ? null : loadRank(rankFile);
  const samePaths = stored !== null && stored.pathsKey === pathsKey && stored.scores.length === walked.length;
  if (samePaths && stored.keysKey === keysKeyOf(keys)) return { scores: stored.scores, refs: stored.refs };

  const facts: Array<RankFacts | null> = entries.map((e, i) => cache.rankFacts(e, walked[i].path));
  const missing = facts.flatMap((f, i) => (f === null ? [i] : []));
  if (missing.length > 0) {
    await reparse(missing);
    for (const i of missing) facts[i] = entries[i].facts ? rankFactsOf(entries[i].facts) : null;
  }
  const inputs: RankInput[] = walked.map((f, i) => ({ path: f.path, facts: facts[i] ?? { language: 'other', names: [], words: '', imports: [] } }));
  const before = samePaths ? stored.detail() : null;
  const r = rank(inputs, (i) => (before && before.keys[i] === entries[i].key ? before.targets[i] : undefined));
  if (rankFile !== undefined) await saveRank(rankFile, pathsKey, r.fileScores, r.symbolRefs, { keys: entries.map((e) => e.key), targets: r.targets });
  return { scores: r.fileScores, refs: r.symbolRefs };
}
