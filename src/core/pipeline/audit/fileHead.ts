/**
 * A file as an AUDIT request shows it when it is too big to show whole: its first lines, numbered
 * like a whole file (`12| code`), then a line saying it was cut, how much was shown and the file's
 * size, so a reviewer knows what it did not see and never takes the head for the whole.
 */

/** The whole file, when only its head is shown. */
export interface WholeSize {
  lines: number;
  bytes: number;
}

export interface Shown {
  body: string;
  /** Lines shown. */
  lines: number;
  /** Set when the file was cut: its whole size. */
  cut?: WholeSize;
}

function linesOf(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

function render(path: string, all: readonly string[], shown: number, bytes: number): string {
  const width = String(all.length).length;
  const numbered = all.slice(0, shown).map((l, i) => `${String(i + 1).padStart(width)}| ${l}`);
  const body = `## ${path}\n\n\`\`\`\n${numbered.join('\n')}\n\`\`\`\n`;
  return shown >= all.length ? body : `${body}(cut: lines 1-${shown} of ${all.length} shown (the file has ${bytes} bytes); the rest of it was not read.)\n`;
}

/** The file whole when it fits in `maxChars`, else the most lines of its head that fit with the note. */
export function headWithin(path: string, text: string, maxChars: number): Shown {
  const all = linesOf(text);
  const bytes = Buffer.byteLength(text);
  const whole = render(path, all, all.length, bytes);
  if (whole.length <= maxChars) return { body: whole, lines: all.length };
  // The largest head that fits: the body grows with every line, so a binary search finds it.
  let lo = 0;
  let hi = all.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(path, all, mid, bytes).length <= maxChars) lo = mid;
    else hi = mid - 1;
  }
  return { body: render(path, all, lo, bytes), lines: lo, cut: { lines: all.length, bytes } };
}

/** The file's first `lines` lines (all of them when it has no more), with the note when cut: as chosen earlier, read now. */
export function headOf(path: string, text: string, lines: number): string {
  const all = linesOf(text);
  return render(path, all, Math.min(lines, all.length), Buffer.byteLength(text));
}
