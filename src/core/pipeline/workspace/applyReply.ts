/**
 * Applies the SEARCH/REPLACE blocks of a model reply to the workspace as one durable step: the
 * pre-images of the files it changes are kept first, so a step cut by a kill is put back and redone,
 * and a finished one is never applied twice. Blocks the caller's policy refuses (files outside a
 * task, frozen tests, anything for a read-only role) are reported, not written.
 */
import { applyBlocks } from '../../patch/applyBlocks';
import { parseBlocks } from '../../patch/parseBlocks';
import type { BlockResult } from '../../patch/types';
import { withWriteOutcomes } from '../../patch/writeOutcomes';
import type { RunContext } from '../runContext';
import { isFileImages, restoreImages, takeImages, type FileImage } from './snapshot';

/** What the journal keeps of an applied reply. */
export interface AppliedReply {
  blocks: BlockResult[];
  /** Files written, in order. */
  changed: string[];
  /** Their pre-images. */
  before: FileImage[];
}

export async function applyReply(ctx: RunContext, key: string, reply: string, policy?: (path: string) => string | undefined): Promise<AppliedReply> {
  const effectKey = `patch:${key}`;
  if (ctx.effects.has(effectKey)) return ctx.effects.recorded(effectKey) as AppliedReply;
  await ctx.effects.settle(effectKey, async (detail) => {
    if (isFileImages(detail)) await restoreImages(ctx.folder, ctx.workspace, detail, `Factory: put back ${key}, cut by a stop`);
  });
  const computed = await applyBlocks(parseBlocks(reply), ctx.workspace, { policy });
  const before = await takeImages(
    ctx.folder,
    ctx.workspace.root,
    computed.changes.map((c) => c.path),
  );
  return ctx.effects.once(
    effectKey,
    'patch',
    async () => {
      const outcomes = computed.changes.length ? await ctx.workspace.write(computed.changes, key) : [];
      const result = withWriteOutcomes(computed, outcomes);
      const applied: AppliedReply = { blocks: result.blocks, changed: result.changes.map((c) => c.path), before };
      return applied;
    },
    { detail: before },
  );
}
