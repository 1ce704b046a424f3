/**
 * What a task changed, for a diff in the editor: the task's files as the journal's snapshot keeps them
 * (`snapshot:<task>`, the exact bytes before the task touched them, in the run's blobs) against the
 * files now. A file the task created has no pre-image; a file now gone has no current side.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPatchPath } from '../../blocks/safePath';
import type { Journalled } from '../journal/events';
import type { RunFolder } from '../journal/runFolder';
import { isFileImages, type FileImage } from '../workspace/snapshot';

export interface ChangedFile {
  path: string;
  /** The blob of the bytes before the task; null: the task created the file. */
  blob: string | null;
  /** The file exists now. */
  exists: boolean;
}

/** The pre-task images of a task, or undefined when the task never started in this run. */
export function taskImages(events: readonly Journalled[], task: string): FileImage[] | undefined {
  let images: FileImage[] | undefined;
  for (const e of events) {
    if (e.type !== 'effect.done' || e.key !== `snapshot:${task}`) continue;
    const r = e.result as { images?: unknown } | null;
    if (r && isFileImages(r.images)) images = r.images;
  }
  return images;
}

/** The tasks of a run that have a snapshot (they started), in the order they started. */
export function startedTasks(events: readonly Journalled[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const id = e.type === 'effect.done' && e.key.startsWith('snapshot:') ? e.key.slice('snapshot:'.length) : undefined;
    if (id !== undefined && !out.includes(id)) out.push(id);
  }
  return out;
}

/** The task's files whose bytes differ now from before the task (or that appeared or went). */
export async function changedFiles(folder: RunFolder, images: readonly FileImage[]): Promise<ChangedFile[]> {
  const out: ChangedFile[] = [];
  for (const image of images) {
    // The journal is a file anyone can edit: a path the patch engine would refuse is not read.
    if (!checkPatchPath(image.path).ok) continue;
    const now = await readFile(join(folder.workspaceRoot, ...image.path.split('/'))).catch(() => null);
    const before = image.blob === null ? null : folder.getBlob(image.blob);
    if (now === null && before === null) continue;
    if (now !== null && before !== null && now.equals(before)) continue;
    out.push({ path: image.path, blob: image.blob, exists: now !== null });
  }
  return out;
}
