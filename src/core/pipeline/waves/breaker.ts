/**
 * The circuit breaker: limits.trapsPerTask TRAPs on one task and it is given up. Its files go back
 * to their exact pre-task bytes (files it created are removed, and the folders made for them when
 * they are left empty), as one durable step, so a kill in the middle of the restore is finished on resume.
 */
import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { BlueprintTask } from '../../protocol';
import type { RunContext } from '../runContext';
import { restoreImages, takeImages, type FileImage } from '../workspace/snapshot';
import { noteOnce, type RollbackNote } from './notes';

/** A task's files before it touches them, and the folders that did not exist yet on their paths. */
export interface TaskSnapshot {
  images: FileImage[];
  absentDirs: string[];
}

/** Taken once per run and kept in the journal, so a resumed run restores to the same bytes. */
export function snapshotTask(ctx: RunContext, task: BlueprintTask): Promise<TaskSnapshot> {
  return ctx.effects.once(`snapshot:${task.id}`, 'snapshot', async () => {
    const images = await takeImages(ctx.folder, ctx.workspace.root, task.files);
    const absentDirs = new Set<string>();
    for (const image of images) {
      if (image.blob !== null) continue;
      for (let dir = posix.dirname(image.path); dir !== '.' && !existsSync(join(ctx.workspace.root, ...dir.split('/'))); dir = posix.dirname(dir)) absentDirs.add(dir);
    }
    return { images, absentDirs: [...absentDirs] };
  });
}

export function tripped(traps: number, ctx: RunContext): boolean {
  return traps >= ctx.config.limits.trapsPerTask;
}

export async function rollback(ctx: RunContext, task: BlueprintTask, before: TaskSnapshot, traps: number): Promise<RollbackNote> {
  const changed = await ctx.effects.once(
    `restore:${task.id}`,
    'restore',
    async () => {
      const put = await restoreImages(ctx.folder, ctx.workspace, before.images, `Factory: roll back ${task.id} (${traps} TRAPs)`);
      // Deepest first; a folder that holds anything (another task's file, a person's) stays.
      for (const dir of [...before.absentDirs].sort((a, b) => b.length - a.length)) await rmdir(join(ctx.workspace.root, ...dir.split('/'))).catch(() => undefined);
      return put;
    },
    { detail: before },
  );
  const created = new Set(before.images.filter((i) => i.blob === null).map((i) => i.path));
  const note: RollbackNote = { id: `rollback:${task.id}`, task: task.id, restored: changed.filter((p) => !created.has(p)), removed: changed.filter((p) => created.has(p)), traps };
  noteOnce(ctx, 'rollback', note);
  return note;
}
