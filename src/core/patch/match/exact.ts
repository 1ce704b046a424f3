/** Strategy 1: SEARCH is the file's lines, character for character. */
import type { FileView } from './fileView';
import { keyedPlaces } from './keyed';
import type { Placement } from './placement';

export function exactPlaces(view: FileView, search: readonly string[]): Placement[] {
  return keyedPlaces(view, search, 'exact', undefined);
}
