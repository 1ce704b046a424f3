/** Unified diffs of file changes, for `factory patch --dry-run` and the dashboard. */
import { createTwoFilesPatch } from 'diff';
import type { FileChange } from '../ports';

export function previewChange(change: FileChange, context = 3): string {
  const from = change.before === null ? '/dev/null' : `a/${change.path}`;
  const patch = createTwoFilesPatch(from, `b/${change.path}`, change.before ?? '', change.after, undefined, undefined, { context });
  // The package starts each patch with a row of '=' that no patch tool needs.
  // Stryker disable next-line Regex: that row comes first, so the first row of '=' is it, anchored or not
  return patch.replace(/^=+\n/, '');
}

export function previewChanges(changes: readonly FileChange[], context = 3): string {
  return changes.map((c) => previewChange(c, context)).join('');
}
