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
      const fresh = inserted.map((l) => keyOf(level, l));
      // A spread has an argument limit, so large insertions are concatenated instead.
      if (fresh.length <= 1000) keys.splice(start, end - start, ...fresh);
      else this.cache.set(level, keys.slice(0, start).concat(fresh, keys.slice(end)));
    }
  }

  keys(level: KeyLevel): readonly string[] {
    let k = this.cache.get(level);
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
  const m = needle.length;
  if (m === 0) return found;
  const first = needle[0];
  for (let i = 0; i + m <= hay.length; i++) {
    if (hay[i] !== first) continue;
    let j = 1;
    while (j < m && hay[i + j] === needle[j]) j++;
    if (j === m) {
      found.push(i);
      if (found.length >= limit) break;
    }
  }
  return found;
}
