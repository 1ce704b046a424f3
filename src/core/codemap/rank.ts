import { posix } from 'node:path';
import type { RankFacts } from './rankFacts';
import { indexInSorted, isSorted } from './sortedPaths';

/**
 * How much the rest of the code refers to each file and symbol.
 * - JS/TS and Python, where imports name files: a symbol counts the files that import its file and
 *   use its name (named imports, `ns.name` through a namespace or module binding, `export *`); the
 *   file counts its importers, weighted (an import names the file itself).
 * - Go, Rust, Java, where a package's files see each other without imports: a symbol counts the
 *   other files of its language using its name as a word, shared among the files that define it.
 * A file's score adds its symbols' counts and its weighted importers.
 */
export interface RankInput {
  path: string;
  facts: RankFacts;
}

export interface Ranked {
  /** Per file, in input order: its score. */
  fileScores: number[];
  /** Per file, per symbol (in the file's order): how much other files refer to it. */
  symbolRefs: number[][];
  /** Per file: files that import it. */
  importers: number[];
  /** Per file, the files it imports (not itself) with the names it uses from each. */
  edges: Edge[][];
  /** Per file, per name, how many importers use it (undefined: imported by none). */
  uses: Array<Map<string, number> | undefined>;
  /** Per file: ranked by words (Go, Rust, Java) rather than by imports. */
  byWords: boolean[];
}

/** One file importing another: the target's index and the names used from it. */
export type Edge = [target: number, names: string[]];

/** An import counts this many name references: it names the file itself. */
export const IMPORT_WEIGHT = 3;

/** A file's references per symbol from the names its importers use. */
export function refsFromUses(names: readonly string[], used: ReadonlyMap<string, number> | undefined): number[] {
  const all = used?.get('*') ?? 0;
  return names.map((name) => (used?.get(name) ?? 0) + all);
}

export function scoreOf(refs: readonly number[], importers: number): number {
  return refs.reduce((a, b) => a + b, 0) + IMPORT_WEIGHT * importers;
}

export function rank(files: readonly RankInput[]): Ranked {
  const { importers, uses, edges } = importEdges(files);
  const byName = nameCounts(files);
  const symbolRefs = files.map((f, j) => {
    if (f.facts.names.length === 0) return [];
    if (f.facts.words) return f.facts.names.map((name) => byName(j, name));
    return refsFromUses(f.facts.names, uses[j]);
  });
  const fileScores = files.map((_, i) => scoreOf(symbolRefs[i], importers[i]));
  return { fileScores, symbolRefs, importers, edges, uses, byWords: files.map((f) => f.facts.words !== '') };
}

/** For files with words: other files of the language using a name, shared among its definers. */
function nameCounts(files: readonly RankInput[]): (i: number, name: string) => number {
  const definers = new Map<string, number>();
  const wordSets = files.map((f) => (f.facts.words ? new Set(f.facts.words.split(' ')) : null));
  files.forEach((f) => {
    if (!f.facts.words) return;
    for (const name of new Set(f.facts.names.map((n) => `${f.facts.language}:${n}`))) definers.set(name, (definers.get(name) ?? 0) + 1);
  });
  const using = new Map<string, number>();
  if (definers.size > 0) {
    files.forEach((f, i) => {
      for (const w of wordSets[i] ?? []) {
        const key = `${f.facts.language}:${w}`;
        if (definers.has(key)) using.set(key, (using.get(key) ?? 0) + 1);
      }
    });
  }
  return (i, name) => {
    const key = `${files[i].facts.language}:${name}`;
    const own = wordSets[i]?.has(name) ? 1 : 0;
    return Math.max(0, (using.get(key) ?? 0) - own) / (definers.get(key) ?? 1);
  };
}

/** Resolves an import of a file to the index of the project file it names; -1 for none. */
export type Resolver = (path: string, language: string, spec: string) => number;

/** Where a path is among the project's paths. */
interface PathIndex {
  get(path: string): number | undefined;
}

/** Paths found by halving sorted paths: for a few lookups, cheaper than a map of tens of thousands. */
function sortedIndex(paths: readonly string[]): PathIndex {
  return {
    get: (path) => {
      const k = indexInSorted(paths, path);
      return k < 0 ? undefined : k;
    },
  };
}

/** `few`: only a few files' imports will be resolved (an update), so no map of every path is built when the paths are sorted. */
export function resolverOver(paths: readonly string[], few = false): Resolver {
  let index: PathIndex | null = null;
  return (path, language, spec) => {
    if (index === null) {
      if (few && isSorted(paths)) index = sortedIndex(paths);
      else {
        const map = new Map<string, number>();
        for (let i = 0; i < paths.length; i++) map.set(paths[i], i);
        index = map;
      }
    }
    return (language === 'python' ? resolvePython(path, spec, index) : resolveJs(path, spec, index)) ?? -1;
  };
}

/** A file's edges: the files its imports resolve to (not itself), each with the names used from it. */
export function edgesOf(i: number, facts: RankFacts, targets: readonly number[]): Edge[] {
  const names = new Map<number, Set<string>>();
  facts.imports.forEach((ref, k) => {
    const t = targets[k];
    if (t < 0 || t === i) return;
    let set = names.get(t);
    if (!set) names.set(t, (set = new Set()));
    for (const n of ref.names) set.add(n);
  });
  return [...names].map(([t, set]) => [t, [...set]]);
}

/** Per file: how many files import it, and per name how many of those use it. */
function importEdges(files: readonly RankInput[]): Pick<Ranked, 'importers' | 'uses' | 'edges'> {
  const resolve = resolverOver(files.map((f) => f.path));
  const importers = files.map(() => 0);
  const uses: Array<Map<string, number> | undefined> = new Array<Map<string, number> | undefined>(files.length).fill(undefined);
  const edges: Edge[][] = [];
  files.forEach((f, i) => {
    const imports = f.facts.imports;
    const out = imports.length === 0 ? [] : edgesOf(i, f.facts, imports.map((ref) => resolve(f.path, f.facts.language, ref.from)));
    for (const [t, names] of out) {
      importers[t]++;
      const used = (uses[t] ??= new Map<string, number>());
      for (const n of names) used.set(n, (used.get(n) ?? 0) + 1);
    }
    edges.push(out);
  });
  return { importers, uses, edges };
}

const JS_EXTENSIONS = ['', '.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** `dir` joined with a relative specifier, '.' and '..' folded; null when it climbs above the root. */
function joinRelative(dir: string, spec: string): string | null {
  const parts = dir === '' || dir === '.' ? [] : dir.split('/');
  for (const seg of spec.split('/')) {
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function resolveJs(from: string, spec: string, index: PathIndex): number | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = joinRelative(posix.dirname(from), spec);
  if (base === null) return undefined;
  // TypeScript's ESM style imports './x.js' for the source './x.ts'.
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
  for (const b of stem === base ? [base] : [base, stem]) {
    for (const ext of JS_EXTENSIONS) {
      const hit = index.get(b + ext);
      if (hit !== undefined) return hit;
    }
    for (const ext of JS_EXTENSIONS) {
      const hit = index.get(`${b}/index${ext || '.js'}`);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

function resolvePython(from: string, spec: string, index: PathIndex): number | undefined {
  const dots = spec.match(/^\.*/)?.[0].length ?? 0;
  const rest = spec.slice(dots).replace(/\./g, '/');
  const at = (base: string): number | undefined => index.get(`${base}.py`) ?? index.get(`${base}/__init__.py`);
  if (dots > 0) {
    let dir = posix.dirname(from);
    for (let i = 1; i < dots; i++) dir = posix.dirname(dir);
    const base = dir === '.' ? rest : rest ? `${dir}/${rest}` : dir;
    return base ? at(base) : undefined;
  }
  // An absolute module: from the root, or from a folder above the importer (a src/ layout).
  for (let dir = posix.dirname(from); ; dir = posix.dirname(dir)) {
    const hit = at(dir === '.' ? rest : `${dir}/${rest}`);
    if (hit !== undefined || dir === '.') return hit;
  }
}
