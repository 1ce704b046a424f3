/**
 * Indentation that differs as a whole: every non-blank line gains, or loses, the same leading prefix;
 * or, failing that, SEARCH is written in another indentation unit that maps onto the file's by one rule.
 */
import { remapIndent, unitMapping, widthWords } from './indentUnit';
import { indentOf, isBlank } from './normalize';
import { NO_SHIFT, type IndentShift } from './placement';

/**
 * The one shift that turns each model line's indentation into its file line's, or undefined when the
 * lines are indented inconsistently (then re-indenting new lines would be a guess).
 */
export function wholeShift(pairs: ReadonlyArray<readonly [model: string, file: string]>): IndentShift | undefined {
  const written = pairs.filter(([model, file]) => !isBlank(model) && !isBlank(file));
  const prefix = prefixShift(written);
  if (prefix) return prefix;
  const unit = unitMapping(written.map(([model, file]) => ({ model, file })));
  return unit.ok ? unit.map : undefined;
}

type PrefixShift = Exclude<IndentShift, { op: 'remap' }>;

function prefixShift(pairs: ReadonlyArray<readonly [model: string, file: string]>): PrefixShift | undefined {
  let shift: PrefixShift | undefined;
  for (const [model, file] of pairs) {
    const si = indentOf(model);
    const fi = indentOf(file);
    let s: PrefixShift;
    if (si === fi) s = NO_SHIFT;
    else if (fi.endsWith(si)) s = { op: 'add', prefix: fi.slice(0, fi.length - si.length) };
    else if (si.endsWith(fi)) s = { op: 'remove', prefix: si.slice(0, si.length - fi.length) };
    else return undefined;
    if (!shift) shift = s;
    else if (!samePrefix(shift, s)) return undefined;
  }
  return shift ?? NO_SHIFT;
}

function samePrefix(a: PrefixShift, b: PrefixShift): boolean {
  if (a.op === 'none' || b.op === 'none') return a.op === b.op;
  return a.op === b.op && a.prefix === b.prefix;
}

/** Re-indents one new line; undefined when the shift does not say how (see shiftMisfit for why). */
export function applyShift(shift: IndentShift, line: string): string | undefined {
  if (shift.op === 'none' || isBlank(line)) return line;
  if (shift.op === 'add') return shift.prefix + line;
  if (shift.op === 'remove') return line.startsWith(shift.prefix) ? line.slice(shift.prefix.length) : undefined;
  const indent = indentOf(line);
  const mapped = remapIndent(shift, indent);
  return mapped === undefined ? undefined : mapped + line.slice(indent.length);
}

/** Why applyShift gave up on a line, completing "the REPLACE line "…" ". */
export function shiftMisfit(shift: IndentShift, line: string): string {
  if (shift.op !== 'remap') return 'is indented less than the shift between SEARCH and the file';
  const indent = indentOf(line);
  const other = [...indent].find((ch) => ch !== shift.modelChar);
  if (other !== undefined) return `is indented with ${other === '\t' ? 'tabs' : 'spaces'} where SEARCH uses ${shift.modelChar === '\t' ? 'tabs' : 'spaces'}`;
  const seen = `${widthWords(shift.modelChar.repeat(shift.model))} in SEARCH is ${widthWords(shift.fileChar.repeat(shift.file))} in the file`;
  if (!shift.per) return `is indented ${widthWords(indent)} while SEARCH shows only one indentation level (${seen})`;
  return `is indented ${widthWords(indent)}, which does not come out as whole ${shift.fileChar === '\t' ? 'tabs' : 'spaces'} by the rule SEARCH shows (${unitWords(shift.per, shift)}; ${seen})`;
}

/** For the notes of an applied block. */
export function describeShift(shift: IndentShift): string {
  switch (shift.op) {
    case 'none':
      return 'none';
    case 'add':
      return `added ${JSON.stringify(shift.prefix)}`;
    case 'remove':
      return `removed ${JSON.stringify(shift.prefix)}`;
    case 'remap': {
      const base = `${widthWords(shift.modelChar.repeat(shift.model))} in SEARCH is ${widthWords(shift.fileChar.repeat(shift.file))} in the file`;
      return shift.per ? `${unitWords(shift.per, shift)} (${base})` : base;
    }
  }
}

function unitWords(per: { model: number; file: number }, chars: { modelChar: string; fileChar: string }): string {
  return `${widthWords(chars.modelChar.repeat(per.model))} per level in SEARCH are ${widthWords(chars.fileChar.repeat(per.file))} in the file`;
}
