/** A file's lines with per-tolerance keys computed once per version of the text, on first use. */
import { plainTypography } from './normalize';

export type KeyLevel = 'trimEnd' | 'trim' | 'typography';

export function keyOf(level: KeyLevel, line: string): string {
  switch (level) {
    case 'trimEnd':
      return line.trimEnd();
    case 'trim':
      return line.trim();
    case 'typography':
      return plainTypography(line).trim();
  }
}

export class FileView {
  private readonly cache = new Map<KeyLevel, string[]>();

  constructor(public lines: readonly string[]) {}

  /**
   * Follows an edit of the file (lines [start, end) became `inserted`, `lines` is the new text) by
   * updating the cached keys instead of recomputing them: many blocks on one big file stay cheap.
   */
  edited(lines: readonly string[], start: number, end: number, inserted: readonly string[]): void {
    this.lines = lines;
    for (const [level, keys] of this.cache) {
      this.cache.set(level, [...keys.slice(0, start), ...inserted.map((l) => keyOf(level, l)), ...keys.slice(end)]);
    }
  }

  keys(level: KeyLevel): readonly string[] {
    let k = this.cache.get(level);
    // Stryker disable next-line ConditionalExpression: computing the keys again gives the same keys, only slower
    if (!k) {
      k = this.lines.map((l) => keyOf(level, l));
      this.cache.set(level, k);
    }
    return k;
  }
}

/** Start indexes where `needle` occurs in `hay` as consecutive items, up to `limit` of them. */
export function occurrences(hay: readonly string[], needle: readonly string[], limit: number): number[] {
  const found: number[] = [];
  // Past the end of `hay` an item is undefined and equals no needle line, so no bound is needed.
  for (let i = hay.indexOf(needle[0]); i >= 0; i = hay.indexOf(needle[0], i + 1)) {
    let j = 1;
    // Stryker disable next-line EqualityOperator: one step further compares needle's undefined end with hay's, equal only past hay's end, and j past the needle still counts as a whole match
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j < needle.length) continue;
    found.push(i);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: callers treat `limit` or more alike; stopping only saves time
    if (found.length >= limit) break;
  }
  return found;
}
