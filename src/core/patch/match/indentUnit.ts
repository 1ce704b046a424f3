/**
 * Indentation of another unit: the model wrote the block with one unit (a tab, or n spaces) where the
 * file uses another (tabs against spaces, 2 spaces against 4). It is accepted only when one rule maps
 * every SEARCH line's indentation onto its file line's: one indentation character throughout on each
 * side, and the file's width a fixed linear function of SEARCH's (levels keep their order and their
 * spacing). New REPLACE lines are then re-indented by the same rule; a line the rule does not reach
 * exactly (between two levels, or with the other character) is refused by the merge as a guess.
 */
import { indentOf } from './normalize';

export type IndentChar = ' ' | '\t';

export interface UnitMap {
  op: 'remap';
  modelChar: IndentChar;
  fileChar: IndentChar;
  /** A SEARCH indentation width (in modelChar) and the file's width (in fileChar) it stands for. */
  model: number;
  file: number;
  /**
   * Characters per level on each side: a width of `model + k·per.model` maps to `file + k·per.file`
   * (k may be fractional when that lands on whole characters). Null when SEARCH shows one level only,
   * so only that width maps.
   */
  per: { model: number; file: number } | null;
}

/** One SEARCH line and its file line, both non-blank. */
export interface IndentPair {
  model: string;
  file: string;
}

/** Why no unit mapping exists, as positions in the pairs given. */
export type UnitConflict =
  | { kind: 'mixed'; side: 'model' | 'file'; a: number; b: number }
  | { kind: 'alike'; side: 'model' | 'file'; a: number; b: number }
  | { kind: 'order'; a: number; b: number }
  | { kind: 'uneven'; a: number; b: number; c: number };

export type UnitOutcome = { ok: true; map: UnitMap } | { ok: false; conflict: UnitConflict };

export function unitMapping(pairs: readonly IndentPair[]): UnitOutcome {
  const modelChar = charOf(pairs, 'model');
  if (!modelChar.ok) return { ok: false, conflict: modelChar.conflict };
  const fileChar = charOf(pairs, 'file');
  if (!fileChar.ok) return { ok: false, conflict: fileChar.conflict };

  // Each width on one side must stand for one width on the other, both ways.
  const byModel = new Map<number, number>();
  const byFile = new Map<number, number>();
  for (let i = 0; i < pairs.length; i++) {
    const m = indentOf(pairs[i].model).length;
    const f = indentOf(pairs[i].file).length;
    const sameModel = byModel.get(m);
    if (sameModel !== undefined && indentOf(pairs[sameModel].file).length !== f) return { ok: false, conflict: { kind: 'alike', side: 'model', a: sameModel, b: i } };
    const sameFile = byFile.get(f);
    if (sameFile !== undefined && indentOf(pairs[sameFile].model).length !== m) return { ok: false, conflict: { kind: 'alike', side: 'file', a: sameFile, b: i } };
    if (sameModel === undefined) byModel.set(m, i);
    if (sameFile === undefined) byFile.set(f, i);
  }
  // Called only after the prefix rule failed, so there is at least one pair.
  const levels = [...byModel.entries()].map(([m, i]) => ({ m, f: indentOf(pairs[i].file).length, i })).sort((x, y) => x.m - y.m);
  for (let k = 1; k < levels.length; k++) {
    if (levels[k].f <= levels[k - 1].f) return { ok: false, conflict: { kind: 'order', a: levels[k - 1].i, b: levels[k].i } };
  }
  const [first, second] = levels;
  const base = { op: 'remap' as const, modelChar: modelChar.char, fileChar: fileChar.char, model: first.m, file: first.f };
  if (!second) return { ok: true, map: { ...base, per: null } };
  const dm = second.m - first.m;
  const df = second.f - first.f;
  for (const l of levels.slice(2)) {
    if ((l.f - first.f) * dm !== df * (l.m - first.m)) return { ok: false, conflict: { kind: 'uneven', a: first.i, b: second.i, c: l.i } };
  }
  // The closest two levels name the units (4 spaces against 2, rather than the reduced 2 against 1).
  let per = { model: dm, file: df };
  for (let k = 2; k < levels.length; k++) {
    const step = levels[k].m - levels[k - 1].m;
    if (step < per.model) per = { model: step, file: levels[k].f - levels[k - 1].f };
  }
  return { ok: true, map: { ...base, per } };
}

/** The file's indentation for a REPLACE line's, or undefined when the mapping does not reach it exactly. */
export function remapIndent(map: UnitMap, indent: string): string | undefined {
  if ([...indent].some((ch) => ch !== map.modelChar)) return undefined;
  const w = indent.length;
  if (!map.per) return w === map.model ? map.fileChar.repeat(map.file) : undefined;
  const steps = (w - map.model) * map.per.file;
  if (steps % map.per.model !== 0) return undefined;
  const f = map.file + steps / map.per.model;
  return f < 0 ? undefined : map.fileChar.repeat(f);
}

function charOf(pairs: readonly IndentPair[], side: 'model' | 'file'): { ok: true; char: IndentChar } | { ok: false; conflict: UnitConflict } {
  let seen: { char: IndentChar; at: number } | undefined;
  for (let i = 0; i < pairs.length; i++) {
    const indent = indentOf(pairs[i][side]);
    for (const ch of indent as Iterable<IndentChar>) {
      if (!seen) seen = { char: ch, at: i };
      else if (ch !== seen.char) return { ok: false, conflict: { kind: 'mixed', side, a: seen.at, b: i } };
    }
  }
  // Stryker disable next-line StringLiteral: a side without indentation has one level, whose character no rule uses
  return { ok: true, char: seen?.char ?? ' ' };
}

/** `4 spaces`, `1 tab`, `no indentation`, for indentation of one character (as the unit rule requires). */
export function widthWords(indent: string): string {
  const n = indent.length;
  if (n === 0) return 'no indentation';
  return `${n} ${indent[0] === '\t' ? 'tab' : 'space'}${n === 1 ? '' : 's'}`;
}
