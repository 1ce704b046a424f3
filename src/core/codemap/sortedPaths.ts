/**
 * Lookups in paths sorted by code unit, as a walk gives them: for a few lookups in tens of
 * thousands of paths, halving costs less than building a map of them all.
 */

/** Where `path` is in `paths` (sorted), or -1. */
export function indexInSorted(paths: readonly string[], path: string): number {
  let lo = 0;
  let hi = paths.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (paths[mid] === path) return mid;
    if (paths[mid] < path) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whether `paths` are in code-unit order, each once. */
export function isSorted(paths: readonly string[]): boolean {
  for (let i = 1; i < paths.length; i++) if (!(paths[i - 1] < paths[i])) return false;
  return true;
}
