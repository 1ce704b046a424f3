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
import type { FileBytes, WorkspacePort } from '../../ports';
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

/**
 * Puts every file back as its image says (files that did not exist are removed), as one step of the
 * host (one WorkspaceEdit in VS Code, so Undo and Redo see it), or on disk when the host has no such
 * step or could not take it. Returns what changed.
 */
export async function restoreImages(folder: RunFolder, workspace: Pick<WorkspacePort, 'root' | 'restore'>, images: readonly FileImage[], label: string): Promise<string[]> {
  const put: FileBytes[] = [];
  for (const image of images) {
    const abs = absOf(workspace.root, image.path);
    if (image.blob === null) {
      if (existsSync(abs)) put.push({ path: image.path, bytes: null });
      continue;
    }
    const want = folder.getBlob(image.blob);
    const now = await readFile(abs).catch(() => null);
    if (now !== null && now.equals(want)) continue;
    put.push({ path: image.path, bytes: want });
  }
  if (put.length === 0) return [];
  if (!(await workspace.restore?.(put, label))) {
    for (const file of put) {
      const abs = absOf(workspace.root, file.path);
      if (file.bytes === null) {
        await rm(abs, { force: true });
        continue;
      }
      await mkdir(dirname(abs), { recursive: true });
      await writeFileAtomic(abs, file.bytes);
    }
  }
  return put.map((f) => f.path);
}

export function isFileImages(v: unknown): v is FileImage[] {
  return Array.isArray(v) && v.every((i) => typeof i === 'object' && i !== null && typeof (i as FileImage).path === 'string');
}
