/**
 * Strategy 3: SEARCH is indented differently as a whole (the model dropped or added a level);
 * new REPLACE lines are re-indented by the same shift.
 */
import type { FileView } from './fileView';
import { keyedPlaces } from './keyed';
import type { Placement } from './placement';

export function indentationPlaces(view: FileView, search: readonly string[]): Placement[] {
  return keyedPlaces(view, search, 'indentation', 'trim');
}
