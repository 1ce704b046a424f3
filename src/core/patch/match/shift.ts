/** Indentation shifted as a whole: every non-blank line gains, or loses, the same leading prefix. */
import { indentOf, isBlank } from './normalize';
import { NO_SHIFT, type IndentShift } from './placement';

/**
 * The one shift that turns each model line's indentation into its file line's, or undefined when the
 * lines are indented inconsistently (then re-indenting new lines would be a guess).
 */
export function wholeShift(pairs: ReadonlyArray<readonly [model: string, file: string]>): IndentShift | undefined {
  let shift: IndentShift | undefined;
  for (const [model, file] of pairs) {
    if (isBlank(model) || isBlank(file)) continue;
    const si = indentOf(model);
    const fi = indentOf(file);
    let s: IndentShift;
    if (si === fi) s = NO_SHIFT;
    else if (fi.endsWith(si)) s = { op: 'add', prefix: fi.slice(0, fi.length - si.length) };
    else if (si.endsWith(fi)) s = { op: 'remove', prefix: si.slice(0, si.length - fi.length) };
    else return undefined;
    if (!shift) shift = s;
    else if (shift.op !== s.op || (s.op !== 'none' && shift.op !== 'none' && shift.prefix !== s.prefix)) return undefined;
  }
  return shift ?? NO_SHIFT;
}

/** Re-indents one new line; undefined when the line has less indentation than the shift removes. */
export function applyShift(shift: IndentShift, line: string): string | undefined {
  if (shift.op === 'none' || isBlank(line)) return line;
  if (shift.op === 'add') return shift.prefix + line;
  return line.startsWith(shift.prefix) ? line.slice(shift.prefix.length) : undefined;
}
