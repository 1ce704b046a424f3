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
  const eols: Eol[] = new Array<Eol>(lines.length);
  let crlf = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const l = lines[i];
    if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) {
      lines[i] = l.slice(0, -1);
      eols[i] = '\r\n';
      crlf++;
    } else eols[i] = '\n';
  }
  // The piece after the last newline: empty when the file ends with one.
  if (lines[lines.length - 1] === '') {
    lines.pop();
    eols.pop();
  } else eols[lines.length - 1] = '';
  return { lines, eols, eol: crlf * 2 > lines.length - (eols[eols.length - 1] === '' ? 1 : 0) ? '\r\n' : '\n' };
}

export function joinLines(t: TextLines): string {
  const n = t.lines.length;
  if (n === 0) return '';
  // The common case, one ending throughout, joins natively.
  const first = t.eols[0] === '' ? t.eol : t.eols[0];
  let uniform = true;
  for (let i = 0; i < n - 1 && uniform; i++) uniform = t.eols[i] === first;
  if (uniform) return t.lines.join(first) + t.eols[n - 1];
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) parts[i] = t.lines[i] + t.eols[i];
  return parts.join('');
}

/**
 * Replaces lines [start, end) with `replacement`, in place. New lines get the file's usual
 * terminator; when the replaced range reached the end of the file, the new last line inherits the
 * old last terminator, so a file without a final newline still has none (and one with it keeps it).
 */
export function replaceLines(t: TextLines, start: number, end: number, replacement: readonly string[]): TextLines {
  const atEnd = end === t.lines.length && end > start;
  const lastEol: Eol = atEnd ? t.eols[end - 1] : t.eol;
  // Small replacements splice in place; large ones are concatenated (a spread has an argument limit).
  if (replacement.length <= 1000) {
    t.lines.splice(start, end - start, ...replacement);
    t.eols.splice(start, end - start, ...replacement.map(() => t.eol));
  } else {
    t.lines = t.lines.slice(0, start).concat(replacement, t.lines.slice(end));
    t.eols = t.eols.slice(0, start).concat(new Array<Eol>(replacement.length).fill(t.eol), t.eols.slice(end));
  }
  if (atEnd) {
    const last = start + replacement.length - 1;
    // Deleting the tail moves "end of file" to the line before the deleted range.
    if (last >= 0) t.eols[last] = lastEol;
  }
  return t;
}

/** Model text with any line endings, as LF-only lines. */
export function modelLines(text: string): string[] {
  const normal = text.replace(/\r\n?/g, '\n');
  const lines = normal.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
