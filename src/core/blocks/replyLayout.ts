/**
 * Where a reply's SEARCH/REPLACE blocks and fences are, in one pass from the top, so the patch
 * engine and the `dac` reader agree on every line: a `dac` fence inside a block is file content, and
 * a block the model never closed does not swallow the `dac` block after it.
 *
 * A block's markers have a length L (its SEARCH line's `<` run). It ends at the first REPLACE line of
 * length L before any SEARCH line of length L, so a block with longer markers can carry shorter ones
 * as content; failing that (a miscount), at the first REPLACE line of any length before the next
 * SEARCH line. A line that only resembles a REPLACE marker ends the block too, which is then
 * malformed. A block with no REPLACE line at all is cut: it ends at the first of
 *   - the line closing the fence that holds it (that fence is closed too),
 *   - a line opening a `dac` fence,
 *   - the next SEARCH line whose markers are at least as long (shorter ones may be its content);
 *     a fence opened right before that block is taken as open,
 *   - the end of the reply.
 * Where a cut block ends is a guess, so it is only ever reported, never applied; the guess only
 * decides where reading resumes.
 */
import { closesFence, fenceOpening, isDacInfo, isFence } from './fences';
import { nearMissReplace, nearMissSearch, replaceMarkerLength, searchMarker, type SearchMarker } from './markers';

export type BlockCut = 'fence_close' | 'dac_fence' | 'next_block' | 'end';

export interface BlockSpan {
  /** 0-based line of the SEARCH line; for a REPLACE line that no SEARCH line opened, that line. */
  start: number;
  /** How the block opens: a SEARCH marker, a line resembling one, or nothing (a stray REPLACE line). */
  opening: 'marker' | 'near_miss' | 'missing';
  /** The SEARCH marker, when `opening` is `marker`. */
  marker?: SearchMarker;
  /** The `<` run of the SEARCH line (0 when missing). */
  length: number;
  /** 0-based line of the REPLACE line (or of the line resembling one), -1 when there is none. */
  closer: number;
  closerNearMiss: boolean;
  /** The REPLACE line has the SEARCH line's length, so dividers of that length are the block's. */
  exact: boolean;
  /** First line after the block: reading resumes there. */
  end: number;
  /** Set only for a block without a REPLACE line: what ended it. */
  cut?: BlockCut;
  /**
   * 0-based line that names the block's file: the nearest line above the SEARCH line that is not
   * blank and not a fence line, after the previous block; -1 when there is none.
   */
  lead: number;
}

export interface FenceSpan {
  /** 0-based lines of the opening and closing fence; close is -1 when the fence never closes. */
  open: number;
  close: number;
  info: string;
  /**
   * For an unclosed `dac` fence: the SEARCH line that showed it was left open (a JSON body cannot
   * hold one), and the first line of that block (its path line when it has one).
   */
  stoppedBy?: { search: number; from: number };
}

export interface ReplyLayout {
  blocks: BlockSpan[];
  /** Fences outside blocks, in reply order. */
  fences: FenceSpan[];
}

interface OpenFence {
  char: string;
  length: number;
  info: string;
  open: number;
  dac: boolean;
}

export function replyLayout(lines: readonly string[]): ReplyLayout {
  const blocks: BlockSpan[] = [];
  const fences: FenceSpan[] = [];
  let fence: OpenFence | undefined;
  // Lines above this one belong to an earlier block; a path line is looked for after it.
  let floor = -1;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const opening = openingOf(line);
    if (fence?.dac && !opening) {
      if (closesFence(line, fence)) {
        fences.push({ open: fence.open, close: i, info: fence.info });
        fence = undefined;
      }
      i++;
      continue;
    }
    if (opening) {
      const lead = leadOf(lines, i, floor);
      if (fence?.dac) {
        const from = lead > fence.open ? lead : i;
        fences.push({ open: fence.open, close: -1, info: fence.info, stoppedBy: { search: i, from } });
        fence = undefined;
      }
      const span = spanFrom(lines, i, opening, fence, lead);
      blocks.push(span);
      if (span.cut === 'fence_close' || span.cut === 'dac_fence') fence = undefined;
      // The block that cut this one short may sit in a fence of its own, opened among the lines
      // this one swallowed: that fence is open now (else the fence around both still is).
      if (span.cut === 'next_block') fence = fenceBefore(lines, span.end, span.start) ?? fence;
      // The line before a block that cut this one short may be that block's path line.
      floor = span.cut === 'next_block' ? span.start : span.end - 1;
      i = span.end;
      continue;
    }
    if (replaceMarkerLength(line) > 0 || nearMissReplace(line) > 0) {
      blocks.push({ start: i, opening: 'missing', length: 0, closer: i, closerNearMiss: replaceMarkerLength(line) === 0, exact: false, end: i + 1, lead: -1 });
      floor = i;
      i++;
      continue;
    }
    if (fence) {
      if (closesFence(line, fence)) {
        fences.push({ open: fence.open, close: i, info: fence.info });
        fence = undefined;
      }
    } else {
      const f = fenceOpening(line);
      if (f) fence = { ...f, open: i, dac: isDacInfo(f.info) };
    }
    i++;
  }
  if (fence) fences.push({ open: fence.open, close: -1, info: fence.info });
  return { blocks, fences };
}

interface Opening {
  kind: 'marker' | 'near_miss';
  marker?: SearchMarker;
  length: number;
}

function openingOf(line: string): Opening | undefined {
  const marker = searchMarker(line);
  if (marker) return { kind: 'marker', marker, length: marker.length };
  const near = nearMissSearch(line);
  return near > 0 ? { kind: 'near_miss', length: near } : undefined;
}

function leadOf(lines: readonly string[], opener: number, floor: number): number {
  let j = opener - 1;
  while (j > floor && (lines[j].trim() === '' || isFence(lines[j]))) j--;
  return j > floor ? j : -1;
}

/** A (non-dac) fence opened right before the block at `opener`: between its path line and it, or just above its path line. */
function fenceBefore(lines: readonly string[], opener: number, floor: number): OpenFence | undefined {
  let passedPathLine = false;
  for (let j = opener - 1; j > floor; j--) {
    if (lines[j].trim() === '') continue;
    const f = fenceOpening(lines[j]);
    if (f) return isDacInfo(f.info) ? undefined : { ...f, open: j, dac: false };
    if (passedPathLine) return undefined;
    passedPathLine = true;
  }
  return undefined;
}

function spanFrom(lines: readonly string[], start: number, opening: Opening, fence: OpenFence | undefined, lead: number): BlockSpan {
  const base = { start, opening: opening.kind, length: opening.length, lead, ...(opening.marker ? { marker: opening.marker } : {}) };
  const L = opening.length;
  // 1. A REPLACE line of the block's own length, before a SEARCH line as long or longer.
  if (L >= 5 && L <= 9) {
    for (let k = start + 1; k < lines.length; k++) {
      const o = openingOf(lines[k]);
      if (o && (o.kind === 'marker' ? o.length === L : o.length >= L)) break;
      if (replaceMarkerLength(lines[k]) === L) return { ...base, closer: k, closerNearMiss: false, exact: true, end: k + 1 };
      if (nearMissReplace(lines[k]) === L) return { ...base, closer: k, closerNearMiss: true, exact: false, end: k + 1 };
    }
  }
  // 2. The model miscounted: a REPLACE line of any length before the next SEARCH line.
  for (let k = start + 1; k < lines.length; k++) {
    if (openingOf(lines[k])) break;
    if (replaceMarkerLength(lines[k]) > 0) return { ...base, closer: k, closerNearMiss: false, exact: false, end: k + 1 };
    if (nearMissReplace(lines[k]) > 0) return { ...base, closer: k, closerNearMiss: true, exact: false, end: k + 1 };
  }
  // 3. No REPLACE line: cut.
  const carries = opening.kind === 'marker' ? L : 0;
  for (let k = start + 1; k < lines.length; k++) {
    const o = openingOf(lines[k]);
    if (o && o.length >= carries) return { ...base, closer: -1, closerNearMiss: false, exact: false, end: k, cut: 'next_block' };
    if (fence && closesFence(lines[k], fence)) return { ...base, closer: -1, closerNearMiss: false, exact: false, end: k + 1, cut: 'fence_close' };
    const f = fenceOpening(lines[k]);
    if (f && isDacInfo(f.info)) return { ...base, closer: -1, closerNearMiss: false, exact: false, end: k, cut: 'dac_fence' };
  }
  return { ...base, closer: -1, closerNearMiss: false, exact: false, end: lines.length, cut: 'end' };
}
