/**
 * Strategy 4: typographic quotes, dashes, ellipses and non-breaking or zero-width spaces on either
 * side are read as their ASCII counterparts (on top of the whitespace and indentation tolerances).
 */
import type { FileView } from './fileView';
import { keyedPlaces } from './keyed';
import type { Placement } from './placement';

export function typographyPlaces(view: FileView, search: readonly string[]): Placement[] {
  return keyedPlaces(view, search, 'typography', 'typography');
}
