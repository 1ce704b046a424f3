/** The line-for-line strategies: SEARCH equals the file's lines under a per-line normalisation. */
import type { Strategy } from '../types';
import { FileView, keyOf, occurrences, type KeyLevel } from './fileView';
import { hasTypography, plainTypography } from './normalize';
import { NO_SHIFT, sameLinks, type Placement } from './placement';
import { wholeShift } from './shift';

/** Enough places to tell unique from ambiguous and to name a few of them in a failure. */
export const MAX_PLACES = 5;
/** Raw key matches examined before the indentation check; beyond this the SEARCH is hopelessly common. */
const MAX_RAW = 2000;

/**
 * Places where each SEARCH line equals its file line under `level` (undefined: exactly), with the
 * indentation differing by one rule over the block (see wholeShift; none for the strict levels).
 */
export function keyedPlaces(view: FileView, search: readonly string[], strategy: Strategy, level: KeyLevel | undefined): Placement[] {
  const hay = level ? view.keys(level) : view.lines;
  const starts = occurrences(hay, level ? search.map((l) => keyOf(level, l)) : search, MAX_RAW);
  // Too many lines look alike to check them all: unexamined ones could fit too, so each counts as
  // a place (the block is ambiguous) rather than trusting the few that were checked.
  const unchecked = starts.length >= MAX_RAW;
  const places: Placement[] = [];
  for (const start of starts) {
    const lines = view.lines.slice(start, start + search.length);
    const shift = unchecked ? NO_SHIFT : wholeShift(search.map((l, i) => [plainTypography(l), plainTypography(lines[i])] as const));
    if (!shift) continue;
    places.push({
      strategy,
      start,
      end: start + search.length,
      links: sameLinks(start, search.length),
      shift,
      similarity: 1,
      plainTypography: typographyOnlyInModel(search, lines),
    });
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only saves time; findPlacement reports at most MAX_PLACES
    if (places.length >= MAX_PLACES) break;
  }
  return places;
}

/** The model typed typographic characters where the file has none: new lines get plain ASCII too. */
function typographyOnlyInModel(search: readonly string[], file: readonly string[]): boolean {
  return search.some(hasTypography) && !file.some(hasTypography);
}
