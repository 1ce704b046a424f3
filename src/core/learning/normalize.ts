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

/** Two choices agree when one, normalised, holds the other ("node:test" and "node:test (built in)"). */
export function sameChoice(a: string, b: string): boolean {
  const x = normalizeKey(a);
  const y = normalizeKey(b);
  return x === y || (x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x)));
}
