/**
 * How the disk spells a name. On a case-insensitive disk (Windows, macOS, ext4 casefold, FAT)
 * `src/app.ts` opens `src/App.ts`, and realpath keeps the spelling it was given, so the names a
 * folder lists are what tell two names of one file apart. Inode numbers cannot: FUSE and network disks
 * give one file a number per name.
 */
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

/** What this needs from the disk; tests give a case-insensitive one. */
export interface NameLookup {
  /** The names a folder lists, as stored; undefined when it cannot be listed. */
  list(dir: string): Promise<string[] | undefined>;
  /** Whether a path names something (links not followed). */
  exists(path: string): Promise<boolean>;
}

export const diskLookup: NameLookup = {
  list: (dir) => readdir(dir).catch(() => undefined),
  exists: (path) =>
    lstat(path).then(
      () => true,
      () => false,
    ),
};

/** Names a case-insensitive disk does not tell apart (macOS also ignores the Unicode form). */
export function fold(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** An existing real path under `root`, each name in the spelling its folder lists it. */
export async function spelledOnDisk(root: string, real: string, lookup: NameLookup = diskLookup): Promise<string> {
  let at = root;
  for (const name of relative(root, real).split(sep).filter(Boolean)) {
    const entries = await lookup.list(at);
    const listed = !entries || entries.includes(name) ? name : (entries.find((e) => fold(e) === fold(name)) ?? name);
    at = join(at, listed);
  }
  return at;
}

/** Whether a folder looks names up regardless of case: a listed name is found in the other case, though not listed so. */
export async function ignoresCase(dir: string, lookup: NameLookup = diskLookup): Promise<boolean> {
  const entries = (await lookup.list(dir)) ?? [];
  const lettered = entries.filter((e) => swapCase(e) !== e);
  // Two entries that differ only in case: the folder tells case apart.
  if (lettered.some((e) => entries.includes(swapCase(e)))) return false;
  if (lettered.length > 0) return lookup.exists(join(dir, swapCase(lettered[0])));
  // No name to try: ask the parent about the folder's own name (case rules hold per disk, or are inherited).
  const own = basename(dir);
  if (own === '' || swapCase(own) === own) return false;
  const siblings = (await lookup.list(dirname(dir))) ?? [];
  return !siblings.includes(swapCase(own)) && lookup.exists(join(dirname(dir), swapCase(own)));
}

function swapCase(name: string): string {
  return [...name].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}
