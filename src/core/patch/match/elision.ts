/**
 * Strategy 5: SEARCH leaves lines out with `...` lines. Each run of written lines must be found, in
 * order, and the whole arrangement must fit exactly one way: a run that fits several places after
 * the previous one makes the block ambiguous rather than "nearest wins".
 */
import { keyOf, occurrences, type FileView } from './fileView';
import { MAX_PLACES } from './keyed';
import { hasTypography, isBlank, isElision, plainTypography } from './normalize';
import { NO_SHIFT, type IndentShift, type LineLink, type Placement } from './placement';
import { wholeShift } from './shift';

/** Bounds the search for arrangements; beyond it the SEARCH is too unspecific to place. */
const MAX_STEPS = 20_000;
const MAX_POSITIONS = 5000;

interface Run {
  /** Index of the run's first line in SEARCH. */
  at: number;
  lines: string[];
  positions: number[];
}

export function elisionPlaces(view: FileView, search: readonly string[]): Placement[] {
  if (!search.some(isElision)) return [];
  const runs: Run[] = [];
  for (let i = 0; i < search.length; ) {
    if (isElision(search[i])) {
      i++;
      continue;
    }
    const at = i;
    while (i < search.length && !isElision(search[i])) i++;
    runs.push({ at, lines: search.slice(at, i), positions: [] });
  }
  // A run of only blank lines anchors nothing.
  if (runs.length === 0 || runs.some((r) => r.lines.every(isBlank))) return [];
  const keys = view.keys('typography');
  for (const r of runs) r.positions = occurrences(keys, r.lines.map((l) => keyOf('typography', l)), MAX_POSITIONS);
  // A run found nowhere rules elision out; one found too often to enumerate cannot be placed safely.
  if (runs.some((r) => r.positions.length === 0 || r.positions.length >= MAX_POSITIONS)) return [];

  const found: Array<{ starts: number[]; shift: IndentShift }> = [];
  let steps = 0;
  // The indentation rule is one for the whole block, so each run is checked with the runs before it.
  const pairsAt = (r: Run, pos: number): Array<readonly [string, string]> =>
    r.lines.map((l, k) => [plainTypography(l), plainTypography(view.lines[pos + k])] as const);
  const walk = (ri: number, from: number, starts: number[], pairs: ReadonlyArray<readonly [string, string]>, shift: IndentShift): void => {
    if (found.length >= MAX_PLACES || ++steps > MAX_STEPS) return;
    if (ri === runs.length) {
      found.push({ starts: [...starts], shift });
      return;
    }
    const r = runs[ri];
    for (const pos of r.positions) {
      if (pos < from) continue;
      const all = pairs.concat(pairsAt(r, pos));
      const s = wholeShift(all);
      if (!s) continue;
      starts.push(pos);
      walk(ri + 1, pos + r.lines.length, starts, all, s);
      starts.pop();
      if (found.length >= MAX_PLACES || steps > MAX_STEPS) return;
    }
  };
  walk(0, 0, [], [], NO_SHIFT);
  if (steps > MAX_STEPS) return [];
  return found.map(({ starts, shift }) => toPlacement(view, search, runs, starts, shift));
}

function toPlacement(view: FileView, search: readonly string[], runs: Run[], starts: number[], shift: IndentShift): Placement {
  const links: LineLink[] = [];
  const fileLines: string[] = [];
  let cursor = starts[0];
  let ri = 0;
  for (let i = 0; i < search.length; ) {
    if (ri < runs.length && runs[ri].at === i) {
      for (let k = 0; k < runs[ri].lines.length; k++) {
        links.push({ kind: 'same', fileLine: starts[ri] + k });
        fileLines.push(view.lines[starts[ri] + k]);
      }
      i += runs[ri].lines.length;
      cursor = starts[ri] + runs[ri].lines.length;
      ri++;
      continue;
    }
    // The first `...` of a series stands for everything up to the next run; the rest for nothing.
    const to = ri < runs.length && (i === 0 || !isElision(search[i - 1])) ? starts[ri] : cursor;
    links.push({ kind: 'gap', from: cursor, to });
    cursor = to;
    i++;
  }
  const last = runs[runs.length - 1];
  const written = runs.flatMap((r) => r.lines);
  return {
    strategy: 'elision',
    start: starts[0],
    end: starts[runs.length - 1] + last.lines.length,
    links,
    shift,
    similarity: 1,
    plainTypography: written.some(hasTypography) && !fileLines.some(hasTypography),
  };
}
