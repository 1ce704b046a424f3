/**
 * Finds the fenced blocks tagged `dac` in a reply; other fences are skipped with their content.
 * Fences follow Markdown (core/blocks/fences.ts). Lines inside SEARCH/REPLACE blocks are file content,
 * not reply structure, so a `dac` fence there (a review patching blueprint.md, say) does not count;
 * where blocks start and end, including blocks the model never closed, is core/blocks/replyLayout.ts.
 */
import { isDacInfo } from '../blocks/fences';
import { replyLayout } from '../blocks/replyLayout';

export interface FencedBlock {
  /** 1-based lines of the opening and closing fence (closing: 0 when never closed). */
  openLine: number;
  closeLine: number;
  info: string;
  body: string;
  /** 1-based last line that belongs to the block: its closing fence, or where its text stops. */
  lastLine: number;
  /** For a block never closed: the 1-based SEARCH line of the SEARCH/REPLACE block that followed it. */
  stoppedBy?: number;
}

export interface ReplyOutline {
  dac: FencedBlock[];
  /** 1-based SEARCH lines of SEARCH/REPLACE blocks that have no REPLACE line. */
  cutBlocks: number[];
  /** The reply without its SEARCH/REPLACE blocks (file content says nothing about the reply). */
  prose: string;
}

export function dacBlocks(text: string): FencedBlock[] {
  return outlineReply(text).dac;
}

export function outlineReply(text: string): ReplyOutline {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const layout = replyLayout(lines);
  const dac = layout.fences
    .filter((f) => isDacInfo(f.info))
    .map((f): FencedBlock => {
      const bodyEnd = f.close >= 0 ? f.close : (f.stoppedBy?.from ?? lines.length);
      const block: FencedBlock = {
        openLine: f.open + 1,
        closeLine: f.close + 1,
        info: f.info,
        body: lines.slice(f.open + 1, bodyEnd).join('\n'),
        lastLine: f.close >= 0 ? f.close + 1 : bodyEnd,
      };
      if (f.stoppedBy) block.stoppedBy = f.stoppedBy.search + 1;
      return block;
    });
  const inBlock = new Array<boolean>(lines.length).fill(false);
  for (const b of layout.blocks) for (let k = b.start; k < b.end; k++) inBlock[k] = true;
  return {
    dac,
    cutBlocks: layout.blocks.filter((b) => b.cut !== undefined).map((b) => b.start + 1),
    prose: lines.filter((_, k) => !inBlock[k]).join('\n'),
  };
}
