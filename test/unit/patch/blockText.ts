/** Builds SEARCH/REPLACE replies and applies one block to one file, for the patch engine's unit tests. */
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { readerFromMap } from '../../../src/core/patch/reader';
import type { BlockResult } from '../../../src/core/patch/types';

/** One block for `path`, from its SEARCH and REPLACE lines (each line gets a newline). */
export function blockText(path: string, search: readonly string[], replace: readonly string[]): string {
  return `${path}\n<<<<<<< SEARCH\n${search.map((l) => `${l}\n`).join('')}=======\n${replace.map((l) => `${l}\n`).join('')}>>>>>>> REPLACE\n`;
}

/** One block for `path`, from SEARCH and REPLACE text written with their own newlines. */
export function rawBlock(path: string, search: string, replace: string): string {
  return `${path}\n<<<<<<< SEARCH\n${search}=======\n${replace}>>>>>>> REPLACE\n`;
}

export type OneBlock = BlockResult & { after: string[] };

/**
 * A function that applies one block to a file named `path` holding `file`'s lines: the block's result,
 * and the file's lines after it (unchanged when the block did not apply).
 */
export function applyTo(path: string): (file: readonly string[], search: readonly string[], replace: readonly string[]) => Promise<OneBlock> {
  return async (file, search, replace) => {
    const text = `${file.join('\n')}\n`;
    const r = await applyPatchText(blockText(path, search, replace), readerFromMap({ [path]: text }));
    const after = (r.changes[0]?.after ?? text).replace(/\n$/, '').split('\n');
    return { ...r.blocks[0], after };
  };
}
