/**
 * Which characters an edit adds: those the new text has more of than the text it replaces. Moving a
 * line, or editing around a character, adds nothing; so a file's own characters may stay and move
 * while a file that cannot hold new ones (a Latin-1 file, one that mixes encodings) is kept whole.
 */

/** Characters (code points) of `after` beyond their count in `before` that `allowed` refuses, in order, once each. */
export function addedChars(before: Iterable<string>, after: Iterable<string>, allowed: (code: number) => boolean): string[] {
  const surplus = new Map<string, number>();
  for (const line of after) for (const ch of line) if (!allowed(ch.codePointAt(0) ?? 0)) surplus.set(ch, (surplus.get(ch) ?? 0) + 1);
  if (surplus.size === 0) return [];
  for (const line of before) for (const ch of line) if (surplus.has(ch)) surplus.set(ch, (surplus.get(ch) ?? 0) - 1);
  return [...surplus].filter(([, n]) => n > 0).map(([ch]) => ch);
}
