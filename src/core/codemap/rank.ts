import { posix } from 'node:path';
import type { FileFacts } from './fileFacts';

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

export function rank(files: readonly RankInput[]): Ranked {
  const { importers, uses } = importEdges(files);
  const byName = nameCounts(files);
  const symbolRefs = files.map((f, j) => {
    if (f.facts.symbols.length === 0) return [];
    if (f.facts.words) return f.facts.symbols.map((s) => byName(f, s.name));
    const used = uses[j];
    return f.facts.symbols.map((s) => (used.get(s.name) ?? 0) + (used.get('*') ?? 0));
  });
  const fileScores = files.map((_, i) => symbolRefs[i].reduce((a, b) => a + b, 0) + IMPORT_WEIGHT * importers[i]);
  return { fileScores, symbolRefs, importers };
}

/** For files with words: other files of the language using a name, shared among its definers. */
function nameCounts(files: readonly RankInput[]): (f: RankInput, name: string) => number {
  const definers = new Map<string, number>();
  const wordSets = files.map((f) => (f.facts.words ? new Set(f.facts.words.split(' ')) : null));
  files.forEach((f) => {
    if (!f.facts.words) return;
    for (const name of new Set(f.facts.symbols.map((s) => `${f.facts.language}:${s.name}`))) definers.set(name, (definers.get(name) ?? 0) + 1);
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
  const index = new Map(files.map((f, i) => [f, i]));
  return (f, name) => {
    const key = `${f.facts.language}:${name}`;
    const own = wordSets[index.get(f) ?? -1]?.has(name) ? 1 : 0;
    return Math.max(0, (using.get(key) ?? 0) - own) / (definers.get(key) ?? 1);
  };
}

/**
 * Resolved imports of the last ranking, reused while the project has the same files (the usual
 * case from one recon to the next: files change, few appear or go).
 */
let resolvedBefore: { paths: string[]; resolved: Map<string, number | undefined> } | null = null;

function resolutions(files: readonly RankInput[]): Map<string, number | undefined> {
  const same = resolvedBefore !== null && resolvedBefore.paths.length === files.length && files.every((f, i) => f.path === resolvedBefore?.paths[i]);
  if (!same || resolvedBefore === null) resolvedBefore = { paths: files.map((f) => f.path), resolved: new Map() };
  return resolvedBefore.resolved;
}

/** Per file: how many files import it, and per name how many of those use it. */
function importEdges(files: readonly RankInput[]): { importers: number[]; uses: Map<string, number>[] } {
  const index = new Map<string, number>();
  files.forEach((f, i) => index.set(f.path, i));
  const resolved = resolutions(files);
  const resolve = (f: RankInput, spec: string): number | undefined => {
    const key = `${f.path}\n${spec}`;
    if (resolved.has(key)) return resolved.get(key);
    const t = f.facts.language === 'python' ? resolvePython(f.path, spec, index) : resolveJs(f.path, spec, index);
    resolved.set(key, t);
    return t;
  };
  const importers = files.map(() => 0);
  const uses = files.map(() => new Map<string, number>());
  files.forEach((f, i) => {
    const names = new Map<number, Set<string>>();
    for (const ref of f.facts.imports) {
      const t = resolve(f, ref.from);
      if (t === undefined || t === i) continue;
      let set = names.get(t);
      if (!set) names.set(t, (set = new Set()));
      for (const n of ref.names) set.add(n);
    }
    for (const [t, set] of names) {
      importers[t]++;
      for (const n of set) uses[t].set(n, (uses[t].get(n) ?? 0) + 1);
    }
  });
  return { importers, uses };
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

function resolveJs(from: string, spec: string, index: ReadonlyMap<string, number>): number | undefined {
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

function resolvePython(from: string, spec: string, index: ReadonlyMap<string, number>): number | undefined {
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
