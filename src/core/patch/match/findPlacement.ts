/**
 * The ladder from strict to tolerant, in tiers. The first tier that finds any place decides: one
 * place is a match, two or more are ambiguous and nothing is applied. This is the rule that keeps
 * wrong applications at zero: the engine never chooses between places.
 *
 * 1. exact: SEARCH is the file's lines character for character. An exact place beats every tolerant
 *    one: the model copied those lines, and a place that only fits tolerantly is a weaker reading.
 * 2. per-line tolerances: trailing whitespace, indentation (shifted as a whole, or another unit
 *    mapped by one rule), typographic characters, and blank lines at SEARCH's edges that the file
 *    does not have there. None of these outranks another (a copy that differs by trailing spaces is
 *    no better than one that differs by indentation), so every place any of them finds counts, and
 *    two places are ambiguous. A place found by several is reported under the strictest.
 * 3. elision: runs of SEARCH lines between `...` lines, found in order.
 * 4. fuzzy: lines may differ a little, between anchors found as written.
 * A later tier is tried only when the earlier ones found nothing: each matches fewer of SEARCH's
 * lines as written than the tiers before it.
 */
import { elisionPlaces } from './elision';
import { exactPlaces } from './exact';
import type { FileView } from './fileView';
import { fuzzyPlaces } from './fuzzy';
import { indentationPlaces } from './indentation';
import { MAX_PLACES } from './keyed';
import { isBlank } from './normalize';
import type { Placement } from './placement';
import { typographyPlaces } from './typography';
import { whitespacePlaces } from './whitespace';

type Finder = (view: FileView, search: readonly string[]) => Placement[];

/** Each tier's finders, strictest first. */
const TIERS: ReadonlyArray<ReadonlyArray<Finder>> = [[exactPlaces], [whitespacePlaces, indentationPlaces, typographyPlaces], [elisionPlaces], [fuzzyPlaces]];

export type FindOutcome =
  | { kind: 'found'; placement: Placement; search: string[]; replace: string[]; notes: string[] }
  | { kind: 'ambiguous'; places: Placement[] }
  | { kind: 'none' };

interface Reading {
  search: string[];
  replace: string[];
  /** The lines [from, to) of this reading that are SEARCH's written lines, when it has blank edges too. */
  written?: [from: number, to: number];
  notes: string[];
}

export function findPlacement(view: FileView, search: readonly string[], replace: readonly string[]): FindOutcome {
  const readings: Reading[] = [{ search: [...search], replace: [...replace], notes: [] }];
  const trimmed = trimBlankEdges(search, replace);
  if (trimmed) {
    readings[0].written = [trimmed.lead, trimmed.lead + trimmed.search.length];
    readings.push({ search: trimmed.search, replace: trimmed.replace, notes: ['ignored blank lines at the edges of SEARCH that the file does not have there'] });
  }
  for (const [t, tier] of TIERS.entries()) {
    // A place is known by where SEARCH's written lines land: the same place found by two finders,
    // or by both readings, is one place (reported by the first, strictest, finder).
    const places = new Map<string, { placement: Placement; reading: Reading }>();
    // Blank edge lines are a whitespace slip: the exact tier takes SEARCH only as written.
    for (const reading of t === 0 ? readings.slice(0, 1) : readings) {
      for (const find of tier) {
        for (const placement of find(view, reading.search)) {
          const key = JSON.stringify(reading.written ? placement.links.slice(...reading.written) : placement.links);
          if (!places.has(key)) places.set(key, { placement, reading });
        }
      }
    }
    const found = [...places.values()].sort((a, b) => a.placement.start - b.placement.start);
    if (found.length === 0) continue;
    if (found.length > 1) return { kind: 'ambiguous', places: found.slice(0, MAX_PLACES).map((f) => f.placement) };
    const [{ placement, reading }] = found;
    // Stryker disable next-line StringLiteral: the caller tells outcomes apart by 'ambiguous' and 'none'
    return { kind: 'found', placement, search: reading.search, replace: reading.replace, notes: [...reading.notes] };
  }
  return { kind: 'none' };
}

/**
 * SEARCH without its leading and trailing blank lines, and REPLACE without as many of its own (the
 * model imagined those blank lines in both). Undefined when SEARCH has none or nothing else.
 */
function trimBlankEdges(search: readonly string[], replace: readonly string[]): { search: string[]; replace: string[]; lead: number } | undefined {
  const written = search.flatMap((l, i) => (isBlank(l) ? [] : [i]));
  // Stryker disable next-line ConditionalExpression: never reached, as applyBlocks writes the whole file for an all-blank SEARCH before it looks for a place
  if (written.length === 0) return undefined;
  const a = written[0];
  const b = written[written.length - 1] + 1;
  // Stryker disable next-line ConditionalExpression: a second reading equal to the first finds the same places, only twice
  if (a === 0 && b === search.length) return undefined;
  // As many blank lines as SEARCH had at each edge come off REPLACE's edges too, where it has them.
  let ra = 0;
  while (ra < Math.min(a, replace.length) && isBlank(replace[ra])) ra++;
  let rb = replace.length;
  // Where REPLACE is all blank, the two edges may take the same lines: slice(ra, rb) is then empty.
  while (replace.length - rb < search.length - b && rb > 0 && isBlank(replace[rb - 1])) rb--;
  return { search: search.slice(a, b), replace: replace.slice(ra, rb), lead: a };
}
