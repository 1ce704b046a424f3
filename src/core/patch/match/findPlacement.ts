/**
 * The ladder from strict to tolerant. The first strategy that finds any place decides: one place is
 * a match, two or more are ambiguous and nothing is applied (a more tolerant strategy would only
 * find more places, never fewer). This is the rule that keeps wrong applications at zero: the
 * engine never chooses between places.
 */
import type { Strategy } from '../types';
import { elisionPlaces } from './elision';
import { exactPlaces } from './exact';
import type { FileView } from './fileView';
import { fuzzyPlaces } from './fuzzy';
import { indentationPlaces } from './indentation';
import { isBlank } from './normalize';
import type { Placement } from './placement';
import { typographyPlaces } from './typography';
import { whitespacePlaces } from './whitespace';

type Finder = (view: FileView, search: readonly string[]) => Placement[];

const LADDER: ReadonlyArray<Finder> = [exactPlaces, whitespacePlaces, indentationPlaces, typographyPlaces, elisionPlaces, fuzzyPlaces];

export type FindOutcome =
  | { kind: 'found'; placement: Placement; search: string[]; replace: string[]; notes: string[] }
  | { kind: 'ambiguous'; strategy: Strategy; places: Placement[] }
  | { kind: 'none' };

export function findPlacement(view: FileView, search: readonly string[], replace: readonly string[]): FindOutcome {
  const trimmed = trimBlankEdges(search, replace);
  for (const find of LADDER) {
    let places = find(view, search);
    let used = { search: [...search], replace: [...replace] };
    let notes: string[] = [];
    if (places.length === 0 && trimmed) {
      places = find(view, trimmed.search);
      used = trimmed;
      notes = ['ignored blank lines at the edges of SEARCH that the file does not have there'];
      // Blank edge lines are a whitespace slip: an otherwise exact match is reported as such.
      places = places.map((p) => (p.strategy === 'exact' ? { ...p, strategy: 'whitespace' } : p));
    }
    if (places.length === 1) return { kind: 'found', placement: places[0], ...used, notes };
    if (places.length > 1) return { kind: 'ambiguous', strategy: places[0].strategy, places };
  }
  return { kind: 'none' };
}

/**
 * SEARCH without its leading and trailing blank lines, and REPLACE without as many of its own (the
 * model imagined those blank lines in both). Undefined when SEARCH has none or nothing else.
 */
function trimBlankEdges(search: readonly string[], replace: readonly string[]): { search: string[]; replace: string[] } | undefined {
  let a = 0;
  let b = search.length;
  while (a < b && isBlank(search[a])) a++;
  while (b > a && isBlank(search[b - 1])) b--;
  if (a === b || (a === 0 && b === search.length)) return undefined;
  let ra = 0;
  let rb = replace.length;
  while (ra < a && ra < rb && isBlank(replace[ra])) ra++;
  const tail = search.length - b;
  for (let k = 0; k < tail && rb > ra && isBlank(replace[rb - 1]); k++) rb--;
  return { search: search.slice(a, b), replace: replace.slice(ra, rb) };
}
