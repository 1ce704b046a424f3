import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { isAbsolute, join, posix, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * The files of a project, as workspace-relative paths with `/`: engine and tool folders (.git,
 * .factory), dependencies (node_modules below the root), build outputs and caches are skipped, and
 * every .gitignore met on the way applies to its own folder and below. Symbolic links are not
 * followed (a link can leave the project or loop).
 */

/** Folder names never walked into (the root itself is walked whatever its name). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', '.factory', 'node_modules', 'bower_components',
  'dist', 'build', 'out', 'target', 'coverage', '.next', '.nuxt', '.svelte-kit', '.turbo', '.cache',
  '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.gradle', '.idea',
  '.vscode-test', '.stryker-tmp',
]);

export interface WalkedFile {
  path: string;
  bytes: number;
  mtimeMs: number;
}

/** Where a walked file is (not kept per file: a big project's walk keeps tens of thousands of entries, and few are read). */
export function absOf(root: string, path: string): string {
  return join(root, path);
}

interface Rules {
  /** Folder (workspace-relative, '' for the root) the rules are relative to. */
  base: string;
  rules: Ignore;
}

function rulesIn(dirAbs: string, dirRel: string): Rules | null {
  try {
    return { base: dirRel, rules: ignore().add(readFileSync(join(dirAbs, '.gitignore'), 'utf8')) };
  } catch {
    return null;
  }
}

function ignored(stack: readonly Rules[], rel: string, isDir: boolean): boolean {
  for (const { base, rules } of stack) {
    const sub = base === '' ? rel : rel.slice(base.length + 1);
    if (rules.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

/** `under` as a clean workspace-relative folder ('' for the root); an error when it leaves the root. */
function insideRoot(under: string): string {
  const clean = posix.normalize(under.replace(/\\/g, '/')).replace(/^\.\/|\/+$/g, '');
  if (isAbsolute(under) || clean === '..' || clean.startsWith('../')) {
    throw new Error(`recon: the folder to map ("under": ${under}) must be a relative path inside the root; map its own folder as the root instead.`);
  }
  return clean === '.' ? '' : clean;
}

/**
 * Walks `root` (or only `under`, workspace-relative) and returns its files sorted by path. The
 * file system is read synchronously: tens of thousands of stat calls cost a fraction of their
 * promise-based form, and a recon has nothing else to do meanwhile. Each folder's names are sorted
 * with folders as "name/", so visiting them in that order yields every path already sorted.
 */
export function walkFiles(root: string, under?: string, signal?: AbortSignal): WalkedFile[] {
  const out: WalkedFile[] = [];
  const start = under === undefined ? '' : insideRoot(under);
  // Rules of the folders above `under` apply too.
  const stack: Rules[] = [];
  const parts = start ? start.split('/') : [];
  for (let i = 0; i < parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    const r = rulesIn(join(root, rel), rel);
    if (r) stack.push(r);
  }
  const rootAbs = join(root, '.');
  const visit = (dirRel: string, rules: readonly Rules[]): void => {
    signal?.throwIfAborted();
    const dirAbs = dirRel ? join(rootAbs, dirRel) : rootAbs;
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to map there
    }
    const own = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? rulesIn(dirAbs, dirRel) : null;
    const here = own ? [...rules, own] : rules;
    const kept: Array<{ key: string; name: string; dir: boolean }> = [];
    for (const e of entries) {
      const dir = e.isDirectory();
      if (dir ? SKIPPED_DIRS.has(e.name) : !e.isFile()) continue;
      if (here.length > 0 && ignored(here, dirRel ? `${dirRel}/${e.name}` : e.name, dir)) continue;
      kept.push({ key: dir ? `${e.name}/` : e.name, name: e.name, dir });
    }
    kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const prefix = dirRel ? `${dirRel}/` : '';
    const absPrefix = `${dirAbs}${sep}`;
    for (const k of kept) {
      if (k.dir) {
        visit(prefix + k.name, here);
        continue;
      }
      const abs = absPrefix + k.name;
      const st = lstatSync(abs, { throwIfNoEntry: false });
      if (st) out.push({ path: prefix + k.name, bytes: st.size, mtimeMs: st.mtimeMs });
    }
  };
  visit(start, stack);
  return out;
}
