/**
 * RECON: what an existing project is, computed (never asked of a model): its files, languages and
 * sizes, its tests and the command that runs them, its entry points, and a compact map of each
 * file's top-level symbols within a token budget. AUDIT and UPDATE start from it; CREATE waves show
 * the map of the files a task does not own.
 *
 * Contract for issue 9 (the code-map work fills in the implementation; AUDIT and UPDATE use it).
 */
import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import type { FileFacts } from './fileFacts';
import { languageOf, reportedLanguage } from './languages';
import { loadCache, saveCache, type CacheEntry } from './parseCache';
import { factsOf } from './parseFile';
import { detectEntryPoints, detectTestCommand } from './projectFacts';
import { rank } from './rank';
import { renderMap } from './renderMap';
import { isTestFile } from './testFiles';
import { walkFiles, type WalkedFile } from './walk';

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
  /** Where the program starts: package.json main/bin, main.go, __main__.py, src/main.rs … */
  entryPoints: string[];
  /** The compact map (paths, then top-level symbols with signatures, most referred-to first), cut to the budget. */
  map: string;
  /** Files whose symbols are in `map`, and files left out of it for the budget (named so a report can say so). */
  mapped: string[];
  omitted: string[];
}

export interface ReconOptions {
  /** Tokens the rendered map may take (about 4 characters a token). */
  budgetTokens: number;
  /** Where parsed files are cached by modification time; absent: no cache on disk. */
  cacheFile?: string;
  /** Only this folder (workspace-relative); absent: the whole root. */
  under?: string;
  signal?: AbortSignal;
}

export type ReconFn = (root: string, opts: ReconOptions) => Promise<Recon>;

/** Computes the recon of `root` (see the contract above). Throws only for bugs and aborts. */
export const recon: ReconFn = async (root, opts) => {
  const walked = await walkFiles(root, opts.under, opts.signal);
  const cache = await loadCache(opts.cacheFile);
  const next = new Map<string, CacheEntry>();
  let changed = false;
  const facts = await Promise.all(
    walked.map((f) =>
      reads(async () => {
        opts.signal?.throwIfAborted();
        const hit = cache.get(f.path);
        if (hit && hit.mtimeMs === f.mtimeMs && hit.bytes === f.bytes && validFacts(hit.facts)) {
          next.set(f.path, hit);
          return hit.facts;
        }
        changed = true;
        const fresh = await readFacts(f);
        next.set(f.path, { mtimeMs: f.mtimeMs, bytes: f.bytes, facts: fresh });
        return fresh;
      }),
    ),
  );
  if (opts.cacheFile && (changed || next.size !== cache.size)) await saveCache(opts.cacheFile, next);

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
  const rendered = renderMap(
    walked.map((f, i) => ({ path: f.path, facts: facts[i], score: ranked.fileScores[i], symbolRefs: ranked.symbolRefs[i] })),
    opts.budgetTokens,
  );
  const entryPoints = await detectEntryPoints(root, paths);
  facts.forEach((x, i) => {
    if (x.language === 'java' && x.symbols.some((s) => s.name === 'main' && /\bstatic\b/.test(s.signature))) entryPoints.push(walked[i].path);
  });
  return {
    root,
    files,
    languages,
    testFiles: files.filter((f) => f.test).map((f) => f.path),
    testCommand: await detectTestCommand(root, paths),
    entryPoints,
    ...rendered,
  };
};

/** Files read at once: enough to overlap disk waits, few enough to keep file handles low. */
const reads = pLimit(16);

/** Files of other languages above this size are not read for their line count. */
const MAX_READ_BYTES = 8_000_000;

async function readFacts(f: WalkedFile): Promise<FileFacts> {
  const language = languageOf(f.path);
  if (f.bytes > MAX_READ_BYTES) return { language, lines: 0, symbols: [], words: [], imports: [], note: `not read: ${Math.round(f.bytes / 1_000_000)} MB` };
  const buf = await readFile(f.abs);
  if (buf.subarray(0, 8000).includes(0)) return { language, lines: 0, symbols: [], words: [], imports: [], note: 'binary' };
  return factsOf(language, buf.toString('utf8'), f.bytes);
}

function validFacts(x: FileFacts): boolean {
  return typeof x === 'object' && x !== null && typeof x.language === 'string' && typeof x.lines === 'number' &&
    Array.isArray(x.symbols) && Array.isArray(x.words) && Array.isArray(x.imports);
}
