import { posix } from 'node:path';
import type { FileFacts } from './fileFacts';

/**
 * How much the rest of the code refers to each file and symbol.
 * - JS/TS and Python, where imports name files: a symbol counts the files that import its file and
 *   use its name; the file counts its importers (weighted: an import names the file itself).
 * - Go, Rust, Java, where a package's files see each other without imports: a symbol counts the
 *   other files using its name as a word, shared among the files that define that name.
 * A file's score adds its symbols' counts and its weighted importers.
 */
export interface RankInput {
  path: string;
  facts: FileFacts;
}

export interface Ranked {
  /** Per file, in input order: its score. */
  fileScores: number[];
  /** Per file, per symbol (in the file's order): how much other files refer to it. */
  symbolRefs: number[][];
  /** Per file: files that import it. */
  importers: number[];
}

/** An import counts this many name references: it names the file itself. */
const IMPORT_WEIGHT = 3;
const BY_IMPORT = new Set(['typescript', 'tsx', 'javascript', 'python']);

export function rank(files: readonly RankInput[]): Ranked {
  const importersOf = importers(files);
  const wordSets = new Map<number, Set<string>>();
  const wordsOf = (i: number): Set<string> => {
    let set = wordSets.get(i);
    if (!set) wordSets.set(i, (set = new Set(files[i].facts.words)));
    return set;
  };
  // Name-based counts, for the languages without file imports.
  const definers = new Map<string, number>();
  for (const f of files) {
    if (BY_IMPORT.has(f.facts.language)) continue;
    for (const name of new Set(f.facts.symbols.map((s) => s.name))) definers.set(name, (definers.get(name) ?? 0) + 1);
  }
  const filesUsing = new Map<string, number>();
  for (const f of files) {
    for (const w of f.facts.words) if (definers.has(w)) filesUsing.set(w, (filesUsing.get(w) ?? 0) + 1);
  }
  const symbolRefs = files.map((f, j) => {
    if (BY_IMPORT.has(f.facts.language)) {
      return f.facts.symbols.map((s) => importersOf[j].filter((i) => wordsOf(i).has(s.name)).length);
    }
    const own = wordsOf(j);
    return f.facts.symbols.map((s) => {
      const others = (filesUsing.get(s.name) ?? 0) - (own.has(s.name) ? 1 : 0);
      return Math.max(0, others) / (definers.get(s.name) ?? 1);
    });
  });
  const counts = importersOf.map((list) => list.length);
  const fileScores = files.map((_, i) => symbolRefs[i].reduce((a, b) => a + b, 0) + IMPORT_WEIGHT * counts[i]);
  return { fileScores, symbolRefs, importers: counts };
}

const JS_EXTENSIONS = ['', '.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** Per file, the other files that import it. */
function importers(files: readonly RankInput[]): number[][] {
  const index = new Map<string, number>();
  files.forEach((f, i) => index.set(f.path, i));
  const lists: number[][] = files.map(() => []);
  files.forEach((f, i) => {
    const targets = new Set<number>();
    for (const spec of f.facts.imports) {
      const t = f.facts.language === 'python' ? resolvePython(f.path, spec, index) : resolveJs(f.path, spec, index);
      if (t !== undefined && t !== i) targets.add(t);
    }
    for (const t of targets) lists[t].push(i);
  });
  return lists;
}

function resolveJs(from: string, spec: string, index: ReadonlyMap<string, number>): number | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  // TypeScript's ESM style imports './x.js' for the source './x.ts'.
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
  for (const b of stem === base ? [base] : [base, stem]) {
    for (const ext of JS_EXTENSIONS) {
      const hit = index.get(b + ext) ?? index.get(`${b}/index${ext || '.js'}`);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

function resolvePython(from: string, spec: string, index: ReadonlyMap<string, number>): number | undefined {
  const dots = spec.match(/^\.*/)?.[0].length ?? 0;
  const rest = spec.slice(dots).replace(/\./g, '/');
  let dir = dots > 0 ? posix.dirname(from) : '';
  for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
  const base = dir && dir !== '.' ? (rest ? `${dir}/${rest}` : dir) : rest;
  return index.get(`${base}.py`) ?? index.get(`${base}/__init__.py`);
}
