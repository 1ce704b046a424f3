/**
 * Strategy 6: anchored fuzzy match. The first and last written lines of SEARCH must be found as they
 * are (modulo whitespace and typography); between them the file may differ a little, by a line or
 * two or a few characters, as long as the whole stays at or above FUZZY_MIN_SIMILARITY. How the
 * differences are reconciled with REPLACE is the merge's job, which refuses anything it would have to
 * guess.
 */
import { diffArrays } from 'diff';
import { keyOf, type FileView } from './fileView';
import { hasTypography, isBlank, plainTypography } from './normalize';
import type { LineLink, Placement } from './placement';
import { wholeShift } from './shift';
import { similarity } from './similarity';

export const FUZZY_MIN_SIMILARITY = 0.9;
/** Anchors alone are the whole of a shorter SEARCH, so fuzzy would add nothing but risk. */
export const FUZZY_MIN_LINES = 3;
const MAX_WINDOWS = 2000;

export function fuzzyPlaces(view: FileView, search: readonly string[]): Placement[] {
  if (search.length < FUZZY_MIN_LINES || isBlank(search[0]) || isBlank(search[search.length - 1])) return [];
  const keys = view.keys('typography');
  const sKeys = search.map((l) => keyOf('typography', l));
  const m = search.length;
  const slack = Math.max(1, Math.floor(m / 10));
  // Stryker disable next-line ArrayDeclaration: a stray non-number here yields NaN bounds and no window
  const firsts: number[] = [];
  const lasts: number[] = [];
  keys.forEach((k, i) => {
    if (k === sKeys[0]) firsts.push(i);
    if (k === sKeys[m - 1]) lasts.push(i);
  });
  const wanted = tally(sKeys);
  const sText = sKeys.join('\n');
  const places: Placement[] = [];
  let windows = 0;
  for (const p of firsts) {
    // Only last-line positions that give a window of an allowed length: found by binary search,
    // since a common last line (`}`) can occur thousands of times.
    const minQ = p + m - slack - 1;
    const maxQ = p + m + slack - 1;
    // Past the end, lasts[k] is undefined and the comparison false.
    for (let k = lowerBound(lasts, minQ); lasts[k] <= maxQ; k++) {
      const q = lasts[k];
      // Too many windows to examine them all: a partial look could miss a second place.
      if (++windows > MAX_WINDOWS) return [];
      const wKeys = keys.slice(p, q + 1);
      if (sharedLines(wanted, wKeys) < m / 2) continue;
      const sim = similarity(sText, wKeys.join('\n'), FUZZY_MIN_SIMILARITY);
      if (sim < FUZZY_MIN_SIMILARITY) continue;
      const placed = place(view, search, sKeys, p, q + 1, sim);
      if (placed) places.push(placed);
    }
  }
  return distinctPlaces(places);
}

/**
 * Overlapping windows are one place seen with different extents (the last line `}` also closes the
 * enclosing block a line further down): the most similar extent stands for the place. Two extents
 * that are equally similar stay, so the block is reported as ambiguous rather than guessed.
 */
function distinctPlaces(places: Placement[]): Placement[] {
  // Most similar first; among equals the order does not matter, as equals never drop each other.
  const sorted = [...places].sort((a, b) => b.similarity - a.similarity);
  const kept: Placement[] = [];
  for (const p of sorted) {
    if (kept.every((k) => p.end <= k.start || k.end <= p.start || k.similarity === p.similarity)) kept.push(p);
  }
  return kept;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** How many SEARCH lines the file's lines have as written (give or take whitespace and typography). */
export function sharedLineCount(search: readonly string[], fileLines: readonly string[]): number {
  const key = (l: string): string => keyOf('typography', l);
  return sharedLines(tally(search.map(key)), fileLines.map(key));
}

function sharedLines(wanted: ReadonlyMap<string, number>, window: readonly string[]): number {
  const left = new Map(wanted);
  let shared = 0;
  for (const k of window) {
    const n = left.get(k);
    if (n) {
      shared++;
      left.set(k, n - 1);
    }
  }
  return shared;
}

/** Links each SEARCH line to the window by a line diff; a replaced run of equal length pairs up line by line. */
function place(view: FileView, search: readonly string[], sKeys: readonly string[], start: number, end: number, sim: number): Placement | undefined {
  const wKeys = view.keys('typography').slice(start, end);
  const links: LineLink[] = [];
  let fi = start;
  const changes = diffArrays([...sKeys], [...wKeys]);
  for (let c = 0; c < changes.length; c++) {
    const ch = changes[c];
    if (!ch.added && !ch.removed) {
      for (let k = 0; k < ch.count; k++) links.push({ kind: 'same', fileLine: fi++ });
      continue;
    }
    // A run of changes: SEARCH lines removed and file lines added, in either order.
    let removed = 0;
    let added = 0;
    while (c < changes.length && (changes[c].added || changes[c].removed)) {
      if (changes[c].removed) removed += changes[c].count;
      else added += changes[c].count;
      c++;
    }
    c--;
    if (removed === added) {
      for (let k = 0; k < removed; k++) links.push({ kind: 'changed', fileLine: fi++ });
    } else {
      // Unpaired file lines are left unlinked: the merge sees them as lines SEARCH did not show.
      for (let k = 0; k < removed; k++) links.push({ kind: 'absent' });
      fi += added;
    }
  }
  const pairs = links.flatMap((l, i) => (l.kind === 'same' ? [[plainTypography(search[i]), plainTypography(view.lines[l.fileLine])] as const] : []));
  const shift = wholeShift(pairs);
  if (!shift) return undefined;
  const fileLines = view.lines.slice(start, end);
  return {
    strategy: 'fuzzy',
    start,
    end,
    links,
    shift,
    similarity: sim,
    plainTypography: search.some(hasTypography) && !fileLines.some(hasTypography),
  };
}
