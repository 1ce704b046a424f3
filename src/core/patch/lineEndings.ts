/**
 * A file as lines plus the terminator of each line, so that a patch touches only the lines it
 * replaces: untouched lines keep their own terminators (even in a file with mixed endings), and the
 * file keeps or lacks its final newline exactly as before.
 */
export type Eol = '\r\n' | '\n' | '';

export interface TextLines {
  lines: string[];
  /** eols[i] terminates lines[i]; only the last may be '' (no final newline). */
  eols: Eol[];
  /** The terminator for new lines: the file's most common one (LF for a file without any). */
  eol: '\r\n' | '\n';
}

export function splitLines(text: string): TextLines {
  // Native split is far faster than scanning by hand on large files.
  const lines = text.split('\n');
  const eols: Eol[] = [];
  let crlf = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    if (lines[i].endsWith('\r')) {
      lines[i] = lines[i].slice(0, -1);
      eols.push('\r\n');
      crlf++;
    } else eols.push('\n');
  }
  // The piece after the last newline: empty when the file ends with one.
  if (lines[lines.length - 1] === '') lines.pop();
  else eols.push('');
  // Only terminated lines vote; a tie goes to LF.
  const terminated = eols.filter((e) => e !== '').length;
  return { lines, eols, eol: crlf * 2 > terminated ? '\r\n' : '\n' };
}

export function joinLines(t: TextLines): string {
  return t.lines.map((l, i) => l + t.eols[i]).join('');
}

/**
 * Replaces lines [start, end) with `replacement`. New lines get the file's usual terminator; the
 * file's last line keeps the old last terminator, so a file without a final newline still has none
 * (and one with it keeps it) when the replaced range reached the end.
 */
export function replaceLines(t: TextLines, start: number, end: number, replacement: readonly string[]): TextLines {
  const lastEol = t.eols[t.eols.length - 1];
  // Array literals, not splice: a spread into a call has an argument limit that big edits exceed.
  t.lines = [...t.lines.slice(0, start), ...replacement, ...t.lines.slice(end)];
  t.eols = [...t.eols.slice(0, start), ...replacement.map(() => t.eol), ...t.eols.slice(end)];
  // Where the range did not reach the end, the last line is untouched and this changes nothing.
  t.eols.fill(lastEol, t.lines.length - 1);
  return t;
}

/** Model text with any line endings, as LF-only lines. */
export function modelLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
