/**
 * Indentation that differs as a whole: every non-blank line gains, or loses, the same leading prefix;
 * or, failing that, SEARCH is written in another indentation unit that maps onto the file's by one rule.
 */
import { remapIndent, unitMapping, widthWords } from './indentUnit';
import { indentOf, isBlank } from './normalize';
import { NO_SHIFT, type IndentShift } from './placement';

/**
 * The one shift that turns each model line's indentation into its file line's, or undefined when the
 * lines are indented inconsistently (then re-indenting new lines would be a guess). The pairs are
 * lines the strategy found equal, so a model line is blank exactly when its file line is.
 */
export function wholeShift(pairs: ReadonlyArray<readonly [model: string, file: string]>): IndentShift | undefined {
  const written = pairs.filter(([model]) => !isBlank(model));
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
    shift ??= s;
    if (JSON.stringify(shift) !== JSON.stringify(s)) return undefined;
  }
  return shift ?? NO_SHIFT;
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
  const chars = (c: string): string => (c === '\t' ? 'tabs' : 'spaces');
  if ([...indent].some((ch) => ch !== shift.modelChar)) return `is indented with ${chars(indent.replaceAll(shift.modelChar, '')[0])} where SEARCH uses ${chars(shift.modelChar)}`;
  const seen = `${widthWords(shift.modelChar.repeat(shift.model))} in SEARCH is ${widthWords(shift.fileChar.repeat(shift.file))} in the file`;
  if (!shift.per) return `is indented ${widthWords(indent)} while SEARCH shows only one indentation level (${seen})`;
  const rule = `${unitWords(shift.per, shift)}; ${seen}`;
  if ((indent.length - shift.model) * shift.per.file < -shift.file * shift.per.model) return `is indented ${widthWords(indent)}, less than the rule SEARCH shows can map (${rule})`;
  return `is indented ${widthWords(indent)}, which does not come out as whole ${chars(shift.fileChar)} by the rule SEARCH shows (${rule})`;
}

/** For the notes of an applied block. */
export function describeShift(shift: Exclude<IndentShift, { op: 'none' }>): string {
  switch (shift.op) {
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
