/**
 * The marker lines of a SEARCH/REPLACE block. They live below both the patch engine (which reads the
 * blocks) and the protocol (which must skip them when looking for the `dac` fence), so neither imports
 * the other for them.
 * Models write 5 to 9 marker characters (longer markers
 * let a block carry a file that itself contains 7-character markers), sometimes lower case, and the
 * older ORIGINAL/UPDATED words; all are accepted. Patterns are anchored and linear (no backtracking).
 *
 * Near misses are lines that try to be a marker and are not one (`<<<<<<< SEARCH>`, eleven `<`,
 * `=======>`): a block that has one is reported as malformed, never skipped or read as content.
 */
const SEARCH = /^[ \t]*(<{5,9})[ \t]*(?:SEARCH|ORIGINAL)(?:[ \t]+\(?(overwrite)\)?)?[ \t]*$/i;
const DIVIDER = /^[ \t]*(={5,9})[ \t]*$/;
const REPLACE = /^[ \t]*(>{5,9})[ \t]*(?:REPLACE|UPDATED)[ \t]*$/i;
// The word must follow the run directly: `>>> s.replace(x)` (a doctest) is not a near miss, and
// three characters are too common in code (heredocs, doctests) to count.
const SEARCH_LIKE = /^[ \t]*(<{4,})[ \t]*(?:SEARCH|ORIGINAL)\b/i;
const REPLACE_LIKE = /^[ \t]*(>{4,})[ \t]*(?:REPLACE|UPDATED)\b/i;
// A divider's run with stray punctuation after it; lines of `=` alone (any count) are Markdown or
// reStructuredText headings and stay content.
const DIVIDER_LIKE = /^[ \t]*(={5,9})(?!=)(?=.*\S)[^\p{L}\p{N}]+$/u;

export interface SearchMarker {
  length: number;
  overwrite: boolean;
}

export function searchMarker(line: string): SearchMarker | undefined {
  const m = SEARCH.exec(line);
  return m ? { length: m[1].length, overwrite: m[2] !== undefined } : undefined;
}

/** Length of the divider's `=` run, or 0 when the line is not a divider. */
export function dividerLength(line: string): number {
  const m = DIVIDER.exec(line);
  return m ? m[1].length : 0;
}

/** Length of the closing marker's `>` run, or 0. */
export function replaceMarkerLength(line: string): number {
  const m = REPLACE.exec(line);
  return m ? m[1].length : 0;
}

/** `<` run of a line that tries to open a block and is not a SEARCH marker, or 0. */
export function nearMissSearch(line: string): number {
  const m = SEARCH_LIKE.exec(line);
  return m && !SEARCH.test(line) ? m[1].length : 0;
}

/** `>` run of a line that tries to close a block and is not a REPLACE marker, or 0. */
export function nearMissReplace(line: string): number {
  const m = REPLACE_LIKE.exec(line);
  return m && !REPLACE.test(line) ? m[1].length : 0;
}

/** `=` run of a line that tries to be a divider and is not one (`=======>`, `====== =`), or 0. */
export function nearMissDivider(line: string): number {
  const m = DIVIDER_LIKE.exec(line);
  return m ? m[1].length : 0;
}
