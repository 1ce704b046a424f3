/**
 * RECON: what an existing project is, computed (never asked of a model): its files, languages and
 * sizes, its tests and the command that runs them, its entry points, and a compact map of each
 * file's top-level symbols within a token budget. AUDIT and UPDATE start from it; CREATE waves show
 * the map of the files a task does not own.
 *
 * Contract for issue 9 (the code-map work fills in the implementation; AUDIT and UPDATE use it).
 */
import type { FileFacts } from './fileFacts';
import { reportedLanguage } from './languages';
import { loadCache, saveCache, type CacheEntry } from './parseCache';
import { parseAll } from './parsePool';
import { detectEntryPoints, detectTestCommand } from './projectFacts';
import { rank } from './rank';
import { renderMap } from './renderMap';
import { inTestOrFixtureFolder, isTestFile } from './testFiles';
import { walkFiles } from './walk';

export interface ReconFile {
  /** Workspace-relative, with `/`. */
  path: string;
  /** 'typescript', 'javascript', 'python', 'go', 'rust', 'java', …; 'other' when not known. */
  language: string;
  bytes: number;
  lines: number;
  /** Looks like a test file (by name and place: *.test.*, *_test.go, test_*.py, tests/ …). */
  test: boolean;
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

export type ReconFn = (root: string, opts: ReconOptions) => Promise<Recon>;

/** Computes the recon of `root` (see the contract above). Throws only for bugs and aborts. */
export const recon: ReconFn = async (root, opts) => {
  const walked = walkFiles(root, opts.under, opts.signal);
  const cache = await loadCache(opts.cacheFile);
  const next = new Map<string, CacheEntry>();
  // Unchanged files come from the cache; the rest are read and parsed (in workers when many).
  const facts: FileFacts[] = new Array<FileFacts>(walked.length);
  const stale: number[] = [];
  walked.forEach((f, i) => {
    const hit = cache.get(f.path);
    if (hit && hit.mtimeMs === f.mtimeMs && hit.bytes === f.bytes && validFacts(hit.facts)) {
      facts[i] = hit.facts;
      next.set(f.path, hit);
    } else stale.push(i);
  });
  const { facts: fresh, workers } = await parseAll(stale.map((i) => walked[i]), opts.signal);
  stale.forEach((i, k) => {
    facts[i] = fresh[k];
    next.set(walked[i].path, { mtimeMs: walked[i].mtimeMs, bytes: walked[i].bytes, facts: fresh[k] });
  });
  const stats: ReconStats = { parsed: stale.length, cached: walked.length - stale.length, skipped: 0, workers };
  if (opts.cacheFile) await saveCache(opts.cacheFile, cache, next);

  const files: ReconFile[] = walked.map((f, i) => ({
    path: f.path,
    language: reportedLanguage(facts[i].language),
    bytes: f.bytes,
    lines: facts[i].lines,
    test: isTestFile(f.path),
  }));
  const languages: Record<string, number> = {};
  for (const f of files) languages[f.language] = (languages[f.language] ?? 0) + 1;
  const paths = new Set(files.map((f) => f.path));
  const ranked = rank(walked.map((f, i) => ({ path: f.path, facts: facts[i] })));
  const inFull = new Set(opts.shownInFull ?? []);
  const rendered = renderMap(
    walked
      .map((f, i) => ({ path: f.path, facts: facts[i], score: ranked.fileScores[i], symbolRefs: ranked.symbolRefs[i] }))
      .filter((f) => !inFull.has(f.path)),
    opts.budgetTokens,
  );
  const entryPoints = await detectEntryPoints(root, paths);
  facts.forEach((x, i) => {
    if (x.language === 'java' && !inTestOrFixtureFolder(walked[i].path) && x.symbols.some((s) => s.name === 'main' && /\bstatic\b/.test(s.signature))) entryPoints.push(walked[i].path);
  });
  return {
    root,
    files,
    languages,
    testFiles: files.filter((f) => f.test).map((f) => f.path),
    testCommand: await detectTestCommand(root, paths),
    entryPoints,
    ...rendered,
    stats: { ...stats, skipped: facts.filter((x) => x.note?.startsWith('not ')).length },
  };
};

function validFacts(x: FileFacts): boolean {
  return typeof x === 'object' && x !== null && typeof x.language === 'string' && typeof x.lines === 'number' &&
    Array.isArray(x.symbols) && typeof x.words === 'string' && Array.isArray(x.imports);
}
