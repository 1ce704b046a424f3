/**
 * Reads SEARCH/REPLACE blocks out of a model's reply. Everything else in the reply (prose, the `dac`
 * block, code fences around blocks) is ignored. A block that cannot be read still gets its number and
 * a reason, so the result lists every block the model wrote.
 */
import { modelLines } from './lineEndings';
import { dividerLength, isFence, replaceMarkerLength, searchMarker } from '../blocks/markers';
import { pathFromLine } from './pathLine';
import type { ParsedItem } from './types';

/** More divider candidates than this means the block cannot be read without a guess. */
const MAX_SPLITS = 4;

export function parseBlocks(text: string): ParsedItem[] {
  const lines = modelLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const items: ParsedItem[] = [];
  let lastPath: string | undefined;
  let lastCloser = -1;
  let i = 0;
  while (i < lines.length) {
    const opener = searchMarker(lines[i]);
    if (!opener) {
      i++;
      continue;
    }
    const index = items.length + 1;
    const replyLine = i + 1;
    const path = findPath(lines, i, lastCloser, lastPath, index);
    const closer = findCloser(lines, i, opener.length);
    if (closer.at < 0) {
      items.push({
        ok: false,
        malformed: {
          index,
          replyLine,
          path: path.value,
          reason:
            `block ${index} (reply line ${replyLine}) has no \`>>>>>>> REPLACE\` line before ${closer.stoppedAtNextBlock ? 'the next block' : 'the end of the reply'}` +
            ' (the reply may have been cut off); resend the whole block',
        },
      });
      i = closer.stoppedAtNextBlock ? closer.next : lines.length;
      continue;
    }
    const dividers = findDividers(lines, i, closer.at, closer.exact ? opener.length : 0);
    const problem = !path.value
      ? path.reason
      : dividers.length === 0
        ? `block ${index} (reply line ${replyLine}) has no \`=======\` line between SEARCH and REPLACE; resend it as SEARCH lines, \`=======\`, REPLACE lines`
        : dividers.length > MAX_SPLITS
          ? `block ${index} (reply line ${replyLine}) has ${dividers.length} \`=======\` lines, so where SEARCH ends cannot be told; resend it with 9-character markers (\`<<<<<<<<< SEARCH\`, \`=========\`, \`>>>>>>>>> REPLACE\`)`
          : undefined;
    if (problem || !path.value) {
      items.push({ ok: false, malformed: { index, replyLine, path: path.value, reason: problem ?? 'no path' } });
    } else {
      items.push({
        ok: true,
        block: {
          index,
          replyLine,
          path: path.value,
          overwrite: opener.overwrite,
          splits: dividers.map((d) => ({ search: lines.slice(i + 1, d), replace: lines.slice(d + 1, closer.at) })),
        },
      });
      lastPath = path.value;
    }
    lastCloser = closer.at;
    i = closer.at + 1;
  }
  return items;
}

/**
 * The path is the nearest line above the SEARCH marker that is not blank and not a code fence. A
 * block that directly follows another (only blanks and fences between) without a path line of its
 * own belongs to the previous block's file, as models write several blocks for one file that way.
 */
function findPath(
  lines: string[],
  opener: number,
  lastCloser: number,
  lastPath: string | undefined,
  index: number,
): { value?: string; reason: string } {
  let j = opener - 1;
  while (j > lastCloser && (lines[j].trim() === '' || isFence(lines[j]))) j--;
  if (j > lastCloser) {
    const value = pathFromLine(lines[j]);
    if (value) return { value, reason: '' };
    return {
      reason: `block ${index} (reply line ${opener + 1}): the line before \`<<<<<<< SEARCH\` ("${clip(lines[j].trim())}") is not a file path; put the file's path, relative to the workspace, alone on the line before the block`,
    };
  }
  if (lastPath !== undefined) return { value: lastPath, reason: '' };
  return { reason: `block ${index} (reply line ${opener + 1}) has no file path; put the file's path, relative to the workspace, alone on the line before \`<<<<<<< SEARCH\`` };
}

interface Closer {
  /** Line index of the REPLACE marker, or -1. */
  at: number;
  /** The closer has the opener's marker length (so dividers must too). */
  exact: boolean;
  stoppedAtNextBlock: boolean;
  next: number;
}

/**
 * Prefers a closing marker of the opener's length, so a block written with 9-character markers may
 * carry 7-character marker lines as content. Falls back to any length when the model miscounted.
 */
function findCloser(lines: string[], opener: number, length: number): Closer {
  let nextOpener = -1;
  for (let k = opener + 1; k < lines.length; k++) {
    const s = searchMarker(lines[k]);
    if (s && s.length === length) {
      nextOpener = k;
      break;
    }
    if (replaceMarkerLength(lines[k]) === length) return { at: k, exact: true, stoppedAtNextBlock: false, next: k + 1 };
  }
  const limit = nextOpener < 0 ? lines.length : nextOpener;
  for (let k = opener + 1; k < limit; k++) {
    if (searchMarker(lines[k])) return { at: -1, exact: false, stoppedAtNextBlock: true, next: k };
    if (replaceMarkerLength(lines[k]) > 0) return { at: k, exact: false, stoppedAtNextBlock: false, next: k + 1 };
  }
  return { at: -1, exact: false, stoppedAtNextBlock: nextOpener >= 0, next: limit };
}

/** Divider lines of the opener's length if there are any, else of any length; 0 = any length. */
function findDividers(lines: string[], opener: number, closer: number, length: number): number[] {
  const all: number[] = [];
  const same: number[] = [];
  for (let k = opener + 1; k < closer; k++) {
    const d = dividerLength(lines[k]);
    if (d > 0) all.push(k);
    if (d > 0 && d === length) same.push(k);
  }
  return same.length > 0 ? same : all;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
