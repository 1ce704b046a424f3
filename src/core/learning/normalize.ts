/**
 * When two learnings are the same one: a DNA topic, a trap or a rule written with other case,
 * spacing, dashes or underscores ("Test-Runner", "test  runner") is the same entry, not a new one.
 */
export function normalizeKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .replace(/^[\s.,;:!?]+|[\s.,;:!?]+$/g, '')
    .trim();
}

/**
 * Two choices agree when one, normalised, holds the other as whole words ("node:test" and "node:test
 * (built in)"); a part of a word is another choice ("React" and "Preact", "Java" and "JavaScript").
 */
export function sameChoice(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  if (x.length === 0 || y.length === 0) return normalizeKey(a) === normalizeKey(b);
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  for (let i = 0; i + short.length <= long.length; i++) if (short.every((w, j) => long[i + j] === w)) return true;
  return false;
}

/** Words split at spaces, brackets, commas and quotes only: "node:test", "c++" and "c#" stay whole. */
function words(text: string): string[] {
  return normalizeKey(text).split(/[\s,;()[\]{}"'`]+/u).filter(Boolean);
}
