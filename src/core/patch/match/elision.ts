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
}

export function elisionPlaces(view: FileView, search: readonly string[]): Placement[] {
  // Stryker disable next-line ConditionalExpression: only saves time; without `...` lines the one run is the typography strategy's match, tried before
  if (!search.some(isElision)) return [];
  // runOf[i]: the run SEARCH line i belongs to, or -1 for a `...` line.
  const runOf: number[] = [];
  const runs: Run[] = [];
  search.forEach((line, i) => {
    if (isElision(line)) runOf.push(-1);
    else if (runOf[i - 1] >= 0) runs[runs.length - 1].lines.push(line);
    else runs.push({ at: i, lines: [line] });
    if (!isElision(line)) runOf.push(runs.length - 1);
  });
  // A SEARCH of only `...` lines, or a run of only blank lines, anchors nothing.
  if (runs.length === 0 || runs.some((r) => r.lines.every(isBlank))) return [];
  const keys = view.keys('typography');
  const positions = runs.map((r) => occurrences(keys, r.lines.map((l) => keyOf('typography', l)), MAX_POSITIONS));
  // A run found too often to enumerate cannot be placed safely.
  if (positions.some((p) => p.length >= MAX_POSITIONS)) return [];

  const found: Array<{ starts: number[]; shift: IndentShift }> = [];
  let steps = 0;
  // The indentation rule is one for the whole block, so each run is checked with the runs before it.
  const pairsAt = (r: Run, pos: number): Array<readonly [string, string]> =>
    r.lines.map((l, k) => [plainTypography(l), plainTypography(view.lines[pos + k])] as const);
  const walk = (ri: number, from: number, starts: number[], pairs: ReadonlyArray<readonly [string, string]>, shift: IndentShift): void => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: stopping at MAX_PLACES only saves time; findPlacement reports at most that many
    if (found.length >= MAX_PLACES || ++steps > MAX_STEPS) return;
    if (ri === runs.length) {
      found.push({ starts: [...starts], shift });
      return;
    }
    const r = runs[ri];
    for (const pos of positions[ri]) {
      if (pos < from) continue;
      const all = pairs.concat(pairsAt(r, pos));
      const s = wholeShift(all);
      if (!s) continue;
      starts.push(pos);
      walk(ri + 1, pos + r.lines.length, starts, all, s);
      starts.pop();
      // Stryker disable next-line all: only saves time; every further call returns at once
      if (found.length >= MAX_PLACES || steps > MAX_STEPS) return;
    }
  };
  walk(0, 0, [], [], NO_SHIFT);
  if (steps > MAX_STEPS) return [];
  return found.map(({ starts, shift }) => toPlacement(view, search, runOf, runs, starts, shift));
}

function toPlacement(view: FileView, search: readonly string[], runOf: readonly number[], runs: readonly Run[], starts: readonly number[], shift: IndentShift): Placement {
  let cursor = starts[0];
  let next = 0;
  const links = search.map((_, i): LineLink => {
    const ri = runOf[i];
    if (ri >= 0) {
      const fileLine = starts[ri] + i - runs[ri].at;
      cursor = fileLine + 1;
      next = ri + 1;
      return { kind: 'same', fileLine };
    }
    // The first `...` after a run stands for everything up to the next run; the rest, and one
    // before the first run or after the last, for nothing.
    const to = next < runs.length && runOf[i - 1] >= 0 ? starts[next] : cursor;
    const gap: LineLink = { kind: 'gap', from: cursor, to };
    cursor = to;
    return gap;
  });
  const last = runs.length - 1;
  const written = search.filter((_, i) => runOf[i] >= 0);
  const fileLines = runs.flatMap((r, ri) => view.lines.slice(starts[ri], starts[ri] + r.lines.length));
  return {
    strategy: 'elision',
    start: starts[0],
    end: starts[last] + runs[last].lines.length,
    links,
    shift,
    similarity: 1,
    plainTypography: written.some(hasTypography) && !fileLines.some(hasTypography),
  };
}
