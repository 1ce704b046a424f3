/**
 * The circuit breaker: limits.trapsPerTask TRAPs on one task and it is given up. Its files go back
 * to their exact pre-task bytes (files it created are removed), as one durable step, so a kill in
 * the middle of the restore is finished on resume.
 */
import type { BlueprintTask } from '../../protocol';
import type { RunContext } from '../runContext';
import { restoreImages, takeImages, type FileImage } from '../workspace/snapshot';
import { noteOnce, type RollbackNote } from './notes';

/** The task's files as they are before the task touches them: taken once per run, kept in the journal. */
export function snapshotTask(ctx: RunContext, task: BlueprintTask): Promise<FileImage[]> {
  return ctx.effects.once(`snapshot:${task.id}`, 'snapshot', () => takeImages(ctx.folder, ctx.workspace.root, task.files));
}

export function tripped(traps: number, ctx: RunContext): boolean {
  return traps >= ctx.config.limits.trapsPerTask;
}

export async function rollback(ctx: RunContext, task: BlueprintTask, before: readonly FileImage[], traps: number): Promise<RollbackNote> {
  const changed = await ctx.effects.once(`restore:${task.id}`, 'restore', () => restoreImages(ctx.folder, ctx.workspace.root, before), { detail: before });
  const created = new Set(before.filter((i) => i.blob === null).map((i) => i.path));
  const note: RollbackNote = { id: `rollback:${task.id}`, task: task.id, restored: changed.filter((p) => !created.has(p)), removed: changed.filter((p) => created.has(p)), traps };
  noteOnce(ctx, 'rollback', note);
  return note;
}
