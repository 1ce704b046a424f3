/** Strategy 2: SEARCH differs from the file only by whitespace at line ends. */
import type { FileView } from './fileView';
import { keyedPlaces } from './keyed';
import type { Placement } from './placement';

export function whitespacePlaces(view: FileView, search: readonly string[]): Placement[] {
  return keyedPlaces(view, search, 'whitespace', 'trimEnd');
}
