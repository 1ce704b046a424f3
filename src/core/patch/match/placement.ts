/** Where a SEARCH fits in a file, and how each SEARCH line relates to the file's lines there. */
import type { Strategy } from '../types';
import type { UnitMap } from './indentUnit';

/**
 * How new REPLACE lines are re-indented to the file's indentation: unchanged, a prefix added or
 * removed (the block shifted as a whole), or mapped from SEARCH's indentation unit to the file's.
 */
export type IndentShift = { op: 'none' } | { op: 'add'; prefix: string } | { op: 'remove'; prefix: string } | UnitMap;

export const NO_SHIFT: { op: 'none' } = { op: 'none' };

export type LineLink =
  /** Equal to file line `fileLine` under the strategy's tolerance. */
  | { kind: 'same'; fileLine: number }
  /** Fuzzy only: stands for `fileLine`, which differs from what the model wrote. */
  | { kind: 'changed'; fileLine: number }
  /** Fuzzy only: a line the model wrote that the file does not have. */
  | { kind: 'absent' }
  /** Elision only: a `...` line standing for file lines [from, to). */
  | { kind: 'gap'; from: number; to: number };

export interface Placement {
  strategy: Strategy;
  /** File lines [start, end). */
  start: number;
  end: number;
  /** One per SEARCH line, in order, pointing at increasing file lines. */
  links: LineLink[];
  shift: IndentShift;
  /** 0..1; 1 for every strategy but fuzzy. */
  similarity: number;
  /** The model typed typographic characters where the file has none: new lines get plain ASCII too. */
  plainTypography: boolean;
}

export function sameLinks(start: number, count: number): LineLink[] {
  const links: LineLink[] = [];
  for (let i = 0; i < count; i++) links.push({ kind: 'same', fileLine: start + i });
  return links;
}
