/**
 * Reads SEARCH/REPLACE blocks out of a model's reply. Everything else in the reply (prose, the `dac`
 * block, code fences around blocks) is ignored. A block that cannot be read still gets its number and
 * a reason, so the result lists every block the model wrote: one opened or closed by a line that only
 * resembles a marker, a REPLACE line without a SEARCH line, a block cut off before its REPLACE line,
 * one whose divider is missing or could be either of two lines. Where blocks start and end is
 * core/blocks/replyLayout.ts; the path line is pathLine.ts.
 */
import { dividerLength, nearMissDivider } from '../blocks/markers';
import { replyLayout, type BlockSpan } from '../blocks/replyLayout';
import * as why from './blockReasons';
import { modelLines } from './lineEndings';
import { pathFromLine } from './pathLine';
import type { ParsedItem } from './types';

export function parseBlocks(text: string): ParsedItem[] {
  const lines = modelLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const items: ParsedItem[] = [];
  // The file of the block just before, when that block was whole: a block right after it (only
  // blanks and fences between) without a path line of its own is for the same file, as models
  // write several blocks for one file that way.
  let carried: string | undefined;
  let floor = 0;
  for (const span of replyLayout(lines).blocks) {
    const index = items.length + 1;
    const replyLine = span.start + 1;
    if (span.opening === 'missing') {
      items.push({ ok: false, malformed: { index, replyLine, path: undefined, reason: why.strayReplace(index, replyLine, lines[span.start], suspectOpener(lines, span.start, floor)) } });
      carried = undefined;
      floor = span.end;
      continue;
    }
    const path = blockPath(lines, span, carried, index);
    const problem = shapeProblem(lines, span, index) ?? path.problem;
    if (problem !== undefined) {
      items.push({ ok: false, malformed: { index, replyLine, path: path.value, reason: problem } });
    } else {
      const divider = readDivider(lines, span, index);
      if (typeof divider === 'string') {
        items.push({ ok: false, malformed: { index, replyLine, path: path.value, reason: divider } });
      } else {
        items.push({
          ok: true,
          block: {
            index,
            replyLine,
            path: path.value as string,
            overwrite: span.marker?.overwrite ?? false,
            search: lines.slice(span.start + 1, divider),
            replace: lines.slice(divider + 1, span.closer),
          },
        });
      }
    }
    carried = span.cut === undefined ? path.value : undefined;
    floor = span.end;
  }
  return items;
}

/** What is wrong with the block's marker lines, if anything. */
function shapeProblem(lines: readonly string[], span: BlockSpan, index: number): string | undefined {
  const replyLine = span.start + 1;
  if (span.opening === 'near_miss') return why.badSearchLine(index, replyLine, lines[span.start]);
  // `end` is the first line after the block: the closing fence is the block's last line, the others are not its own.
  if (span.cut !== undefined) return why.cutOff(index, replyLine, span.cut, span.cut === 'fence_close' ? span.end : span.end + 1);
  if (span.closerNearMiss) return why.badReplaceLine(index, replyLine, span.closer + 1, lines[span.closer]);
  return undefined;
}

function blockPath(lines: readonly string[], span: BlockSpan, carried: string | undefined, index: number): { value?: string; problem?: string } {
  if (span.lead < 0) return carried !== undefined ? { value: carried } : { problem: why.noPath(index, span.start + 1) };
  const read = pathFromLine(lines[span.lead]);
  return read.ok ? { value: read.path } : { problem: why.notAPath(index, span.start + 1, lines[span.lead], read.why) };
}

/**
 * The divider's line, or why there is none to be had. The block's own divider has its markers'
 * length when SEARCH and REPLACE lines agree on one (so a block with 9-character markers carries
 * 7-character `=======` lines as content); otherwise any length from 5 to 9 counts. Two candidates,
 * or one and a line resembling a divider, make the reading a guess: the block fails, naming them.
 */
function readDivider(lines: readonly string[], span: BlockSpan, index: number): number | string {
  const all: number[] = [];
  const near: number[] = [];
  for (let k = span.start + 1; k < span.closer; k++) {
    if (dividerLength(lines[k]) > 0) all.push(k);
    else if (nearMissDivider(lines[k]) > 0) near.push(k);
  }
  const own = span.exact ? all.filter((k) => dividerLength(lines[k]) === span.length) : [];
  const byLength = own.length > 0;
  const dividers = byLength ? own : all;
  const odd = byLength ? near.filter((k) => nearMissDivider(lines[k]) === span.length) : near;
  const replyLine = span.start + 1;
  if (dividers.length === 0) {
    const first = odd[0];
    return why.noDivider(index, replyLine, first === undefined ? undefined : { replyLine: first + 1, text: lines[first] });
  }
  if (dividers.length + odd.length > 1) {
    const candidates = [...dividers.map((k) => ({ k, nearMiss: false })), ...odd.map((k) => ({ k, nearMiss: true }))]
      .sort((a, b) => a.k - b.k)
      .map((c) => ({ replyLine: c.k + 1, text: lines[c.k], nearMiss: c.nearMiss }));
    return why.twoDividers(index, replyLine, span.length, candidates);
  }
  return dividers[0];
}

/** For a REPLACE line without a SEARCH line: a line above it (after the block before) that looks like the broken opening. */
function suspectOpener(lines: readonly string[], at: number, floor: number): { replyLine: number; text: string } | undefined {
  for (let k = at - 1; k >= floor; k--) {
    if (/^[ \t]*<{3,}/.test(lines[k])) return { replyLine: k + 1, text: lines[k] };
  }
  return undefined;
}
