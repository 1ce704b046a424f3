/**
 * RECON: what an existing project is, computed (never asked of a model): its files, languages and
 * sizes, its tests and the command that runs them, its entry points, and a compact map of each
 * file's top-level symbols within a token budget. AUDIT and UPDATE start from it; CREATE waves show
 * the map of the files a task does not own.
 *
 * Contract for issue 9 (the code-map work fills in the implementation; AUDIT and UPDATE use it).
 */
import { foldFileOf, FoldMemo } from './foldMemo';
import { treeFolding, type Folding } from './foldPaths';
import { languageOf, reportedLanguage } from './languages';
import { entryOf, loadCache, saveCache, type CacheEntry } from './parseCache';
import { parseAll } from './parsePool';
import type { FileToRead } from './readFacts';
import { detectEntryPoints, detectTestCommand } from './projectFacts';
import { prepareRanking, rankedWithStore } from './rankedWithStore';
import { pathsKeyOf } from './rankStore';
import { renderMap, type MapFile } from './renderMap';
import { inTestOrFixtureFolder, isTestFile } from './testFiles';
import { absOf, walkFiles } from './walk';

export interface ReconFile {
  /** Workspace-relative, with `/`. */
  path: string;
  /** 'typescript', 'javascript', 'python', 'go', 'rust', 'java', …; 'other' when not known. */
  language: string;
  bytes: number;
  lines: number;
  /** Looks like a test file (by name and place: *.test.*, *_test.go, test_*.py, tests/ …). */
  test: boolean;
  /**
   * How much the rest of the code refers to it: the map's ranking score (its symbols' uses and its
   * importers). Optional: a hand-made Recon, or one recorded before this field, has none.
   */
  refs?: number;
}

export interface Recon {
  root: string;
  files: ReconFile[];
  /** Language → number of files. */
  languages: Record<string, number>;
  testFiles: string[];
  /**
   * How the project's tests run, as a command line the engine may split and run without a shell
   * (from package.json scripts.test, pytest, go test ./..., cargo test, mvn test …); null: none found.
   */
  testCommand: string | null;
  /**
   * Where the program starts: package.json main/bin, main.go, __main__.py, src/main.rs … (never in a
   * test or fixture folder). Each is a workspace-relative path, except a file a manifest names that
   * is not there: "dist/cli.js (not built)" (under dist/, build/, out/, target/) or "lib/x.js (missing)".
   */
  entryPoints: string[];
  /** The compact map (paths, then top-level symbols with signatures, most referred-to first), cut to the budget. */
  map: string;
  /** Files whose symbols are in `map`, and files left out of it for the budget (named so a report can say so). */
  mapped: string[];
  omitted: string[];
  /** How the recon was computed (added by the code map; optional so a hand-made Recon needs none). */
  stats?: ReconStats;
}

export interface ReconStats {
  /** Files read and (for the languages with a grammar) parsed in this recon. */
  parsed: number;
  /** Files taken from the cache, unchanged since it was written. */
  cached: number;
  /** Files of a parsed language left unparsed: huge, minified or binary (the map says which). */
  skipped: number;
  /** Worker threads that parsed (0: parsed in the calling thread). */
  workers: number;
  /** Milliseconds per part of the recon, in order (the benchmark prints them). */
  phases?: Record<string, number>;
}

/** Times the parts of a recon one after another. */
function stopwatch(): { lap: (part: string) => void; phases: Record<string, number> } {
  const phases: Record<string, number> = {};
  let t = performance.now();
  return {
    phases,
    lap: (part) => {
      const now = performance.now();
      phases[part] = Math.round((phases[part] ?? 0) + now - t);
      t = now;
    },
  };
}

export interface ReconOptions {
  /** Tokens the rendered map may take (about 4 characters a token). */
  budgetTokens: number;
  /** Where parsed files are cached by modification time; absent: no cache on disk. */
  cacheFile?: string;
  /** Only this folder (workspace-relative); absent: the whole root. */
  under?: string;
  /**
   * Files the caller shows in full elsewhere (a task's own files): left out of the map, and of
   * `mapped` and `omitted`, but still in `files`. Added by the code map.
   */
  shownInFull?: readonly string[];
  signal?: AbortSignal;
}

/** Folds of the map's paths: remembered beside the cache when there is one (foldMemo.ts). */
function foldingFor(paths: readonly string[], pathsKey: string | null, cacheFile: string | undefined): Folding & { save?: () => Promise<void> } {
  const tree = treeFolding(paths);
  return cacheFile === undefined ? tree : new FoldMemo(foldFileOf(cacheFile), pathsKey ?? pathsKeyOf(paths), tree);
}

export type ReconFn = (root: string, opts: ReconOptions) => Promise<Recon>;

/** Computes the recon of `root` (see the contract above). Throws only for bugs and aborts. */
export const recon: ReconFn = async (root, opts) => {
  const { lap, phases } = stopwatch();
  const walked = walkFiles(root, opts.under, opts.signal);
  lap('walk');
  const cache = await loadCache(opts.cacheFile);
  // Unchanged files come from the cache; the rest are read and parsed (in workers when many).
  const entries: CacheEntry[] = new Array<CacheEntry>(walked.length);
  const paths = new Array<string>(walked.length);
  for (let i = 0; i < walked.length; i++) paths[i] = walked[i].path;
  const { found, held } = cache.lookup(paths);
  const stale: number[] = [];
  for (let i = 0; i < walked.length; i++) {
    const f = walked[i];
    const hit = found[i];
    if (hit && hit.mtimeMs === f.mtimeMs && hit.bytes === f.bytes) entries[i] = hit;
    else stale.push(i);
  }
  lap('cache');
  /** What reading file i needs. */
  const toRead = (i: number): FileToRead => ({ path: walked[i].path, abs: absOf(root, walked[i].path), bytes: walked[i].bytes });
  const { facts: fresh, workers } = await parseAll(stale.map(toRead), opts.signal);
  stale.forEach((i, k) => (entries[i] = entryOf(walked[i].mtimeMs, walked[i].bytes, fresh[k])));
  const parsedHere = [...stale];
  /** Files the cache could not give in full (damaged, or replaced meanwhile) are parsed again. */
  const reparse = async (indices: number[]): Promise<void> => {
    const again = await parseAll(indices.map(toRead), opts.signal);
    indices.forEach((i, k) => (entries[i] = entryOf(walked[i].mtimeMs, walked[i].bytes, again.facts[k])));
    parsedHere.push(...indices);
  };

  const prep = prepareRanking(paths, opts.cacheFile);
  lap('parse');
  const ranked = await rankedWithStore(prep, entries, cache, reparse);
  lap('rank');
  const inFull = new Set(opts.shownInFull ?? []);
  // Each map file knows its place in the walk (read back for the few files the map shows).
  const mapFiles: Array<MapFile & { at: number }> = [];
  for (let i = 0; i < walked.length; i++) {
    if (inFull.has(walked[i].path)) continue;
    const e = entries[i];
    const m: MapFile & { at: number } = { path: walked[i].path, lines: e.lines, score: ranked.scores[i], symbolRefs: ranked.refs[i], at: i };
    if (e.note !== undefined) m.note = e.note;
    mapFiles.push(m);
  }
  const mapPaths = mapFiles.length === walked.length ? paths : mapFiles.map((m) => m.path);
  const folding = foldingFor(mapPaths, mapPaths === paths ? prep.pathsKey : null, opts.cacheFile);
  const rendered = await renderMap(mapFiles, opts.budgetTokens, async (m) => {
    const i = m.at;
    const symbols = cache.symbols(entries[i], walked[i].path);
    if (symbols) return symbols;
    await reparse([i]);
    return entries[i].facts?.symbols ?? [];
  }, folding);
  await folding.save?.();
  lap('render');
  // Every file found in the cache and no other there: nothing to store.
  const parsed = parsedHere.length;
  const unchanged = parsed === 0 && held === cache.size;
  if (opts.cacheFile && !unchanged) await saveCache(opts.cacheFile, cache, { paths, entries, parsed: parsedHere, held });
  lap('save');

  // One pass over every file: what it is, and what the recon counts of it.
  const files = new Array<ReconFile>(walked.length);
  const languages: Record<string, number> = {};
  const testFiles: string[] = [];
  const javaMains: string[] = [];
  let skipped = 0;
  for (let i = 0; i < walked.length; i++) {
    const { path, bytes } = walked[i];
    const e = entries[i];
    const f: ReconFile = { path, language: reportedLanguage(languageOf(path)), bytes, lines: e.lines, test: isTestFile(path), refs: ranked.scores[i] };
    files[i] = f;
    languages[f.language] = (languages[f.language] ?? 0) + 1;
    if (f.test) testFiles.push(path);
    if (e.javaMain && !inTestOrFixtureFolder(path)) javaMains.push(path);
    if (e.note?.startsWith('not ')) skipped++;
  }
  const entryPoints = [...(await detectEntryPoints(root, paths)), ...javaMains];
  const testCommand = await detectTestCommand(root, paths);
  lap('facts');
  const stats: ReconStats = { parsed, cached: walked.length - parsed, skipped, workers, phases };
  return {
    root,
    files,
    languages,
    testFiles,
    testCommand,
    entryPoints,
    ...rendered,
    stats,
  };
};
