/**
 * RECON: what an existing project is, computed (never asked of a model): its files, languages and
 * sizes, its tests and the command that runs them, its entry points, and a compact map of each
 * file's top-level symbols within a token budget. AUDIT and UPDATE start from it; CREATE waves show
 * the map of the files a task does not own.
 *
 * Contract for issue 9 (the code-map work fills in the implementation; AUDIT and UPDATE use it).
 */

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
