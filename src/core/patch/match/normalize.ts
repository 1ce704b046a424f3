/** Line normalisations used by the tolerant strategies. Each is a pure function of one line. */

/** Typographic characters that models (or chat UIs) put where code has plain ASCII. */
const TYPOGRAPHY: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u2035]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u2036]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2007\u202F\u2000-\u200A\u3000]/g, ' '],
  // Alternation, not a class: a zero-width joiner inside a class reads as a joined sequence.
  [/\u200B|\u200C|\u200D|\u2060|\uFEFF/g, ''],
];
const ANY_TYPOGRAPHY = /[\u2018\u2019\u201A\u201B\u2032\u2035\u201C\u201D\u201E\u201F\u2033\u2036\u2010-\u2015\u2212\u2026\u00A0\u2007\u202F\u2000-\u200D\u3000\u2060\uFEFF]/;

export function plainTypography(line: string): string {
  // Stryker disable next-line ConditionalExpression: a shortcut; the replacements leave such a line as it is
  if (!ANY_TYPOGRAPHY.test(line)) return line;
  let s = line;
  for (const [re, to] of TYPOGRAPHY) s = s.replace(re, to);
  return s;
}

export function hasTypography(line: string): boolean {
  return ANY_TYPOGRAPHY.test(line);
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

export function indentOf(line: string): string {
  const n = line.search(/[^ \t]/);
  // Stryker disable next-line ConditionalExpression: no caller asks for a blank line's indentation (blank lines are left out or returned as they are), and any other line has a character that is not a space or tab
  return n < 0 ? line : line.slice(0, n);
}

/**
 * A line that stands for lines the model left out: `...` or `…` alone, or a comment that starts with
 * one (`// ... existing code ...`, `# ...`, `<!-- ... -->`). Spread syntax (`...rest,`) is code, not
 * an elision, and a plain `...` is only read as an elision after the strict strategies failed, since
 * it is also valid Python.
 */
const ELISION = /^(?:(?:\.{3}|\u2026)|(?:\/\/|#|--|;|\/\*|<!--|\{\/\*)[ \t]*(?:\.{3}|\u2026)[^\n]*)$/;

export function isElision(line: string): boolean {
  return ELISION.test(line.trim());
}
