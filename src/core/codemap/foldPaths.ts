/**
 * The files a map leaves out of its detail, folded by folder, so a model sees the shape of the whole
 * tree and not only the files that fit: one line per folder with its number of files and their
 * languages (`src/core/ — 212 files (typescript 200, markdown 12)`), folders opened into their
 * subfolders level by level, the biggest first (`src/core/* — …` then holds the files directly in
 * it), and where there is still room, a folder's own files named (`src/cli/* — index.ts, io.ts`). Every file is accounted
 * for exactly once, and the lines never pass the room given.
 */
import { languageOf, reportedLanguage } from './languages';

interface Folder {
  /** '' for the root, else `a/b/`. */
  path: string;
  /** Files under it, at any depth. */
  total: number;
  languages: Map<string, number>;
  /** Names of the files directly in it, and their languages. */
  own: string[];
  ownLanguages: Map<string, number>;
  subfolders: Map<string, Folder>;
}

/** A line of the fold: a folder whole, a folder's own files counted, or a folder's own files named. */
type Entry = { kind: 'folder' | 'own' | 'named'; folder: Folder };

/** The folders of a set of paths, folded by foldTree; built once, it can lose paths (without). */
export type FolderTree = Folder;

/** The language a path is counted under, per file name ending: a map of a big tree asks the same few endings thousands of times. */
function languageCounter(): (p: string, name: string) => string {
  const byEnding = new Map<string, string>();
  return (p, name) => {
    const dot = name.lastIndexOf('.');
    const ending = dot > 0 ? name.slice(dot).toLowerCase() : name;
    let language = byEnding.get(ending);
    if (language === undefined) byEnding.set(ending, (language = reportedLanguage(languageOf(p))));
    return language;
  };
}

export function treeOf(paths: readonly string[]): FolderTree {
  const root = folder('');
  const languageOfPath = languageCounter();
  // Files are counted in their own folder only, then summed up the tree once: paths in walk order
  // come folder by folder, so most find their folder as the one before did.
  let lastDir: string | null = null;
  let leaf = root;
  for (const p of paths) {
    const slash = p.lastIndexOf('/');
    const dir = slash < 0 ? '' : p.slice(0, slash);
    if (dir !== lastDir) {
      leaf = root;
      if (dir !== '') for (const part of dir.split('/')) leaf = subfolder(leaf, part);
      lastDir = dir;
    }
    const name = p.slice(slash + 1);
    leaf.own.push(name);
    const language = languageOfPath(p, name);
    leaf.ownLanguages.set(language, (leaf.ownLanguages.get(language) ?? 0) + 1);
  }
  sumUp(root);
  return root;
}

function folder(path: string): Folder {
  return { path, total: 0, languages: new Map(), own: [], ownLanguages: new Map(), subfolders: new Map() };
}

function subfolder(at: Folder, name: string): Folder {
  let next = at.subfolders.get(name);
  if (!next) at.subfolders.set(name, (next = folder(`${at.path}${name}/`)));
  return next;
}

/** A folder's total and languages from its own files and its subfolders'. */
function sumUp(f: Folder): void {
  f.total = f.own.length;
  f.languages = new Map(f.ownLanguages);
  for (const sub of f.subfolders.values()) {
    sumUp(sub);
    f.total += sub.total;
    for (const [l, n] of sub.languages) f.languages.set(l, (f.languages.get(l) ?? 0) + n);
  }
}

/**
 * The tree without `paths` (each one it holds): the counts of the folders above each taken down,
 * and a folder left with no file taken out. The tree is changed in place; folding it gives what
 * folding the remaining paths gives.
 */
export function without(tree: FolderTree, paths: readonly string[]): FolderTree {
  const languageOfPath = languageCounter();
  for (const p of paths) {
    const slash = p.lastIndexOf('/');
    const dirs = slash < 0 ? [] : p.slice(0, slash).split('/');
    const chain: Folder[] = [tree];
    for (const dir of dirs) {
      const next = chain[chain.length - 1].subfolders.get(dir);
      if (!next) break;
      chain.push(next);
    }
    const name = p.slice(slash + 1);
    const at = chain.length === dirs.length + 1 ? chain[dirs.length].own.indexOf(name) : -1;
    if (at < 0) continue; // not in the tree (or taken out already)
    const leaf = chain[dirs.length];
    leaf.own.splice(at, 1);
    const language = languageOfPath(p, name);
    const own = (leaf.ownLanguages.get(language) ?? 0) - 1;
    if (own > 0) leaf.ownLanguages.set(language, own);
    else leaf.ownLanguages.delete(language);
    for (const f of chain) {
      f.total--;
      const left = (f.languages.get(language) ?? 0) - 1;
      if (left > 0) f.languages.set(language, left);
      else f.languages.delete(language);
    }
    for (let k = dirs.length; k > 0; k--) if (chain[k].total === 0) chain[k - 1].subfolders.delete(dirs[k - 1]);
  }
  return tree;
}

function languagesText(languages: ReadonlyMap<string, number>): string {
  // Names compared by code unit: the same order for language names, without the cost of a locale.
  return [...languages].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([l, n]) => `${l} ${n}`).join(', ');
}

function files(n: number): string {
  return `${n} file${n === 1 ? '' : 's'}`;
}

function lineOf(e: Entry): string {
  const shown = e.folder.path || './';
  if (e.kind === 'folder') return `${shown} — ${files(e.folder.total)} (${languagesText(e.folder.languages)})`;
  if (e.kind === 'own') return `${shown}* — ${files(e.folder.own.length)} (${languagesText(e.folder.ownLanguages)})`;
  return `${shown}* — ${[...e.folder.own].sort().join(', ')}`;
}

/** How many files an entry stands for. */
function weight(e: Entry): number {
  return e.kind === 'folder' ? e.folder.total : e.folder.own.length;
}

/**
 * Files an opening shows the inside of, per line it adds: a big folder of a few subfolders opens
 * before one as big split into many small ones, which would take the room of several others.
 */
function gain(e: Entry): number {
  return weight(e) / Math.max(1, (opened(e)?.length ?? 1) - 1);
}

/** 0: opening it shows subfolders; 1: opening it names files. */
function priority(e: Entry): number {
  return e.kind === 'folder' && e.folder.subfolders.size > 0 ? 0 : 1;
}

function depth(e: Entry): number {
  return e.folder.path.split('/').length;
}

/** What an entry opens into, or undefined when it cannot be opened further. */
function opened(e: Entry): Entry[] | undefined {
  if (e.kind === 'named') return undefined;
  if (e.kind === 'own' || e.folder.subfolders.size === 0) return [{ kind: 'named', folder: e.folder }];
  const subs = [...e.folder.subfolders.values()].map((folder): Entry => ({ kind: 'folder', folder }));
  const own: Entry[] = e.folder.own.length ? [{ kind: 'own', folder: e.folder }] : [];
  return [...own, ...subs];
}

/** Tree order: a folder's own files, then its subfolders, by path. */
function order(a: Entry, b: Entry): number {
  const key = (e: Entry): string => (e.kind === 'folder' ? e.folder.path : `${e.folder.path}\u0000`);
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The folds a map asks for: of all its paths (to size the room the fold of the omitted ones takes),
 * then of the paths left when the files mapped in detail are taken out. `all` comes first.
 */
export interface Folding {
  all(room: number): string[];
  rest(mapped: readonly string[], room: number): string[];
}

/** Folding over the paths' folder tree, built once when first asked. */
export function treeFolding(paths: readonly string[]): Folding {
  let tree: FolderTree | null = null;
  const built = (): FolderTree => (tree ??= treeOf(paths));
  return {
    all: (room) => foldTree(built(), room),
    rest: (mapped, room) => foldTree(without(built(), mapped), room),
  };
}

/** Lines within `room` characters (joined by newlines) accounting for every path; [] when none fits. */
export function foldPaths(paths: readonly string[], room: number): string[] {
  return foldTree(treeOf(paths), room);
}

/** foldPaths of the paths a tree holds (the tree is not changed). */
export function foldTree(root: FolderTree, room: number): string[] {
  if (root.total === 0) return [];
  // A root holding one folder only starts at the deepest folder that holds everything.
  let start = root;
  while (start.own.length === 0 && start.subfolders.size === 1) start = [...start.subfolders.values()][0] as Folder;
  let entries: Entry[] = [{ kind: 'folder', folder: start }];
  // An entry's line and what it opens into never change: computed once (the sort asks for them often).
  const lines = new Map<Entry, number>();
  const lengthOf = (e: Entry): number => {
    let n = lines.get(e);
    if (n === undefined) lines.set(e, (n = lineOf(e).length + 1));
    return n;
  };
  const gains = new Map<Entry, number>();
  const gainOf = (e: Entry): number => {
    let g = gains.get(e);
    if (g === undefined) gains.set(e, (g = gain(e)));
    return g;
  };
  const size = (list: readonly Entry[]): number => list.reduce((n, e) => n + lengthOf(e), -1);
  if (size(entries) > room) return [];
  let used = size(entries);
  const done = new Set<Entry>();
  for (;;) {
    // The next entry to open: folders into subfolders first, shallow before deep, the most files
    // shown per line added first; naming a folder's files last, as room allows (names cost the most).
    const first = (a: Entry, b: Entry): number => priority(a) - priority(b) || depth(a) - depth(b) || gainOf(b) - gainOf(a) || order(a, b);
    let next: Entry | undefined;
    for (const e of entries) if (!done.has(e) && e.kind !== 'named' && (!next || first(e, next) < 0)) next = e;
    if (!next) break;
    const into = opened(next) as Entry[];
    const grown = used - lengthOf(next) + into.reduce((n, e) => n + lengthOf(e), 0);
    if (grown > room) {
      done.add(next);
      continue;
    }
    const was = next;
    entries = [...entries.filter((e) => e !== was), ...into];
    used = grown;
  }
  return entries.sort(order).map(lineOf);
}
