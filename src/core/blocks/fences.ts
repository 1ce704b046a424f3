/**
 * Markdown code fences as CommonMark has them: three or more backticks or tildes, indented by at most
 * three spaces, closed by the same character at least as many times with nothing after it. Both the
 * `dac` reader and the block reader need them (a block may sit in a fence; the `dac` block is one).
 */
const OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*(.*)$/;
const CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

export interface FenceOpening {
  char: string;
  length: number;
  /** The info string (`ts`, `dac`, …), trimmed. */
  info: string;
}

/** The fence a line opens (or could close: a bare fence line opens one when none is open). */
export function fenceOpening(line: string): FenceOpening | undefined {
  const m = OPEN.exec(line);
  if (!m) return undefined;
  const info = m[2].trim();
  // A backtick fence's info string may not contain backticks (CommonMark); then it is inline code.
  if (m[1][0] === '`' && info.includes('`')) return undefined;
  return { char: m[1][0], length: m[1].length, info };
}

export function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const m = CLOSE.exec(line);
  return !!m && m[1][0] === fence.char && m[1].length >= fence.length;
}

/** A fence line of any kind: opening (with or without an info string) or closing. */
export function isFence(line: string): boolean {
  return fenceOpening(line) !== undefined;
}

/** The info string of a `dac` block: its first word is `dac`, in any letter case (DAC.md). */
export function isDacInfo(info: string): boolean {
  return info.split(/\s+/)[0].toLowerCase() === 'dac';
}
