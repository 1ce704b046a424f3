/** The line-for-line strategies: SEARCH equals the file's lines under a per-line normalisation. */
import type { Strategy } from '../types';
import { FileView, keyOf, occurrences, type KeyLevel } from './fileView';
import { hasTypography, plainTypography } from './normalize';
import { NO_SHIFT, sameLinks, type IndentShift, type Placement } from './placement';
import { wholeShift } from './shift';

/** Enough places to tell unique from ambiguous and to name a few of them in a failure. */
export const MAX_PLACES = 5;
/** Raw key matches examined before the indentation check; beyond this the SEARCH is hopelessly common. */
const MAX_RAW = 2000;

export interface KeyedOptions {
  strategy: Strategy;
  /** undefined: compare the lines exactly. */
  level: KeyLevel | undefined;
  /** Indentation may differ by a whole shift (checked on these normalised lines). */
  shifted: boolean;
}

export function keyedPlaces(view: FileView, search: readonly string[], o: KeyedOptions): Placement[] {
  if (search.length === 0) return [];
  const hay = o.level ? view.keys(o.level) : view.lines;
  const level = o.level;
  const needle = level ? search.map((l) => keyOf(level, l)) : search;
  const starts = occurrences(hay, needle, o.shifted ? MAX_RAW : MAX_PLACES);
  const places: Placement[] = [];
  const norm = o.strategy === 'typography' ? plainTypography : (l: string) => l;
  for (const start of starts) {
    let shift: IndentShift = NO_SHIFT;
    if (o.shifted) {
      const s = wholeShift(search.map((l, i) => [norm(l), norm(view.lines[start + i])] as const));
      if (!s) continue;
      shift = s;
    }
    places.push({
      strategy: o.strategy,
      start,
      end: start + search.length,
      links: sameLinks(start, search.length),
      shift,
      similarity: 1,
      plainTypography: o.strategy === 'typography' && typographyOnlyInModel(search, view.lines.slice(start, start + search.length)),
    });
    if (places.length >= MAX_PLACES) break;
  }
  // Too many lines look alike to check them all: unexamined ones could fit too, so report the
  // SEARCH as fitting many places rather than trusting the few that were checked.
  if (starts.length >= MAX_RAW && places.length < 2) {
    return starts.slice(0, MAX_PLACES).map((start) => ({
      strategy: o.strategy,
      start,
      end: start + search.length,
      links: sameLinks(start, search.length),
      shift: NO_SHIFT,
      similarity: 1,
      plainTypography: false,
    }));
  }
  return places;
}

function typographyOnlyInModel(search: readonly string[], file: readonly string[]): boolean {
  return search.some(hasTypography) && !file.some(hasTypography);
}
