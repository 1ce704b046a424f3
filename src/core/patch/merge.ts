/**
 * Turns a placement into the file's new lines. Think of it as a three-way merge with SEARCH as the
 * base: the file's side (how the file really differs from SEARCH: whitespace, typography, lines the
 * model misremembered or left out with `...`) and the model's side (REPLACE). Lines the model kept
 * come out exactly as they are in the file; lines it changed come out as it wrote them, re-indented
 * to the file. Where both sides differ from SEARCH at the same spot, nothing is guessed: the merge
 * reports why it stopped.
 */
import { diffArrays } from 'diff';
import { isElision, plainTypography } from './match/normalize';
import type { Placement } from './match/placement';
import { applyShift, shiftMisfit } from './match/shift';

export type MergeOutcome = { ok: true; lines: string[] } | { ok: false; reason: string };

const ELIDED = '\u0000elided';
const ONLY_AS_IS = 'a block may change or remove only lines that SEARCH shows as the file has them (give or take whitespace and typography)';

export function mergeReplacement(file: readonly string[], p: Placement, search: readonly string[], replace: readonly string[]): MergeOutcome {
  // Exact: the file already reads as SEARCH, so the result is REPLACE itself.
  if (p.strategy === 'exact') return { ok: true, lines: [...replace] };
  const m = search.length;
  const elisions = p.strategy === 'elision';
  const key = (l: string): string => (elisions && isElision(l) ? ELIDED : l.trimEnd());

  // The model's side: which SEARCH lines REPLACE keeps, and which new lines go before SEARCH line i.
  const kept: boolean[] = [];
  const inserted: string[][] = Array.from({ length: m + 1 }, () => []);
  let si = 0;
  let ri = 0;
  for (const ch of diffArrays(search.map(key), replace.map(key))) {
    if (ch.added) {
      for (let k = 0; k < ch.count; k++) inserted[si].push(replace[ri + k]);
      ri += ch.count;
    } else if (ch.removed) {
      si += ch.count;
    } else {
      for (let k = 0; k < ch.count; k++) kept[si++] = true;
      ri += ch.count;
    }
  }

  // A tolerance may forgive the file's differences only in lines the block keeps: a line REPLACE
  // changes or removes must be the file's line (give or take whitespace and typography), or the
  // file's real text there would be lost without the model ever having seen it.
  for (let i = 0; i < m; i++) {
    const link = p.links[i];
    if (kept[i] || link.kind === 'same' || link.kind === 'gap') continue;
    const wrote = `SEARCH line ${i + 1} (\`${search[i].trim()}\`)`;
    return {
      ok: false,
      reason:
        link.kind === 'changed'
          ? `REPLACE changes or removes ${wrote} where the file's line ${link.fileLine + 1} reads \`${file[link.fileLine].trim()}\`; ${ONLY_AS_IS}, so the file's real line would be lost`
          : `REPLACE changes or removes ${wrote}, which is not in the file there; ${ONLY_AS_IS}`,
    };
  }

  // The file's side: file lines in the window that no SEARCH line stands for, before SEARCH line i.
  // Only lines linked to a file line can leave some out (a gap starts where the lines before it end).
  const unshown: Array<[number, number]> = [];
  let cursor = p.start;
  for (const link of p.links) {
    if (link.kind === 'same' || link.kind === 'changed') {
      unshown.push([cursor, link.fileLine]);
      cursor = link.fileLine + 1;
    } else {
      unshown.push([cursor, cursor]);
      if (link.kind === 'gap') cursor = link.to;
    }
  }
  unshown.push([cursor, p.end]);

  const out: string[] = [];
  for (let i = 0; i <= m; i++) {
    const [from, to] = unshown[i];
    if (to > from) {
      // Past either edge of SEARCH counts as changed, to be safe (no finder leaves lines out there).
      const touched = inserted[i].length > 0 || !kept[i - 1] || !kept[i];
      if (touched) {
        return {
          ok: false,
          reason: `${describe(from, to)} of the file ${to - from === 1 ? 'is' : 'are'} not in SEARCH and ${to - from === 1 ? 'sits' : 'sit'} right next to lines that REPLACE changes, so where they belong in the result would be a guess`,
        };
      }
      for (let f = from; f < to; f++) out.push(file[f]);
    }
    for (const line of inserted[i]) {
      if (key(line) === ELIDED) {
        return { ok: false, reason: 'REPLACE has a `...` line that SEARCH does not have at that place; REPLACE must keep the same `...` lines as SEARCH' };
      }
      const shifted = applyShift(p.shift, p.plainTypography ? plainTypography(line) : line);
      if (shifted === undefined) {
        return {
          ok: false,
          reason: `the REPLACE line "${line.trim()}" ${shiftMisfit(p.shift, line)}, so its indentation would be a guess; send SEARCH and REPLACE with the file's own indentation`,
        };
      }
      out.push(shifted);
    }
    if (i === m) break;
    const link = p.links[i];
    if (link.kind === 'same' || link.kind === 'changed') {
      if (kept[i]) out.push(file[link.fileLine]);
    } else if (link.kind === 'gap') {
      if (kept[i]) for (const l of file.slice(link.from, link.to)) out.push(l);
      else if (link.to > link.from) {
        return {
          ok: false,
          reason: `REPLACE leaves out a \`...\` line of SEARCH, which would delete ${describe(link.from, link.to)} that the block does not show; write those lines in SEARCH if they should go`,
        };
      }
    }
  }
  return { ok: true, lines: out };
}

function describe(from: number, to: number): string {
  return to - from === 1 ? `line ${from + 1}` : `lines ${from + 1}–${to}`;
}
