/**
 * The marker lines of a SEARCH/REPLACE block. They live below both the patch engine (which reads the
 * blocks) and the protocol (which must skip them when looking for the `dac` fence), so neither imports
 * the other for them.
 * Models write 5 to 9 marker characters (longer markers
 * let a block carry a file that itself contains 7-character markers), sometimes lower case, and the
 * older ORIGINAL/UPDATED words; all are accepted. Patterns are anchored and linear (no backtracking).
 */
const SEARCH = /^[ \t]*(<{5,9})[ \t]*(?:SEARCH|ORIGINAL)(?:[ \t]+\(?(overwrite)\)?)?[ \t]*$/i;
const DIVIDER = /^[ \t]*(={5,9})[ \t]*$/;
const REPLACE = /^[ \t]*(>{5,9})[ \t]*(?:REPLACE|UPDATED)[ \t]*$/i;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[^`]*$/;

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

/** A Markdown code-fence line (opening, with an info string, or closing). */
export function isFence(line: string): boolean {
  return FENCE.test(line);
}
