import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  abs: string;
  bytes: number;
  mtimeMs: number;
}

interface Rules {
  /** Folder (workspace-relative, '' for the root) the rules are relative to. */
  base: string;
  rules: Ignore;
}

async function rulesIn(dirAbs: string, dirRel: string): Promise<Rules | null> {
  let text: string;
  try {
    text = await readFile(join(dirAbs, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  return { base: dirRel, rules: ignore().add(text) };
}

function ignored(stack: readonly Rules[], rel: string, isDir: boolean): boolean {
  for (const { base, rules } of stack) {
    const sub = base === '' ? rel : rel.slice(base.length + 1);
    if (rules.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

/** Walks `root` (or only `under`, workspace-relative) and returns its files sorted by path. */
export async function walkFiles(root: string, under?: string, signal?: AbortSignal): Promise<WalkedFile[]> {
  const out: WalkedFile[] = [];
  const start = under ? under.replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '') : '';
  // Rules of the folders above `under` apply too.
  const stack: Rules[] = [];
  const parts = start ? start.split('/') : [];
  for (let i = 0; i < parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    const r = await rulesIn(join(root, rel), rel);
    if (r) stack.push(r);
  }
  async function visit(dirRel: string, rules: readonly Rules[]): Promise<void> {
    signal?.throwIfAborted();
    const dirAbs = join(root, dirRel);
    const own = await rulesIn(dirAbs, dirRel);
    const here = own ? [...rules, own] : rules;
    let entries;
    try {
      entries = await readdir(dirAbs, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to map there
    }
    const subdirs: string[] = [];
    const files = await Promise.all(
      entries.map(async (e) => {
        const rel = dirRel ? `${dirRel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name) && !ignored(here, rel, true)) subdirs.push(rel);
          return null;
        }
        if (!e.isFile() || ignored(here, rel, false)) return null;
        const abs = join(root, rel);
        try {
          const st = await lstat(abs);
          return { path: rel, abs, bytes: st.size, mtimeMs: st.mtimeMs };
        } catch {
          return null;
        }
      }),
    );
    for (const f of files) if (f) out.push(f);
    for (const d of subdirs) await visit(d, here);
  }
  await visit(start, stack);
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}
