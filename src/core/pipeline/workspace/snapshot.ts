/**
 * Exact bytes of workspace files, kept beside the journal: before a patch (so a patch cut by a kill
 * is put back before it is redone) and before a task (so the circuit breaker restores the task's
 * files to their pre-task bytes and removes the files the task created).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkPatchPath } from '../../blocks/safePath';
import { writeFileAtomic } from '../../patch/writeAtomic';
import type { RunFolder } from '../journal/runFolder';

/** A file as it was: the blob with its bytes, or null when it did not exist. */
export interface FileImage {
  path: string;
  blob: string | null;
}

function absOf(root: string, path: string): string {
  const checked = checkPatchPath(path);
  // Paths reach here only after the patch engine accepted them: anything else is a bug.
  if (!checked.ok) throw new Error(`snapshot of an unsafe path ${JSON.stringify(path)}: ${checked.reason}`);
  return join(root, ...checked.path.split('/'));
}

export async function takeImages(folder: RunFolder, root: string, paths: readonly string[]): Promise<FileImage[]> {
  const out: FileImage[] = [];
  for (const path of paths) {
    const abs = absOf(root, path);
    const bytes = await readFile(abs).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    out.push({ path, blob: bytes === null ? null : folder.putBlob(bytes) });
  }
  return out;
}

/** Puts every file back as its image says; files that did not exist are removed. Returns what changed. */
export async function restoreImages(folder: RunFolder, root: string, images: readonly FileImage[]): Promise<string[]> {
  const changed: string[] = [];
  for (const image of images) {
    const abs = absOf(root, image.path);
    if (image.blob === null) {
      if (existsSync(abs)) {
        await rm(abs, { force: true });
        changed.push(image.path);
      }
      continue;
    }
    const want = folder.getBlob(image.blob);
    const now = await readFile(abs).catch(() => null);
    if (now !== null && now.equals(want)) continue;
    await mkdir(dirname(abs), { recursive: true });
    await writeFileAtomic(abs, want);
    changed.push(image.path);
  }
  return changed;
}

export function isFileImages(v: unknown): v is FileImage[] {
  return Array.isArray(v) && v.every((i) => typeof i === 'object' && i !== null && typeof (i as FileImage).path === 'string');
}
