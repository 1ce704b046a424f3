/**
 * Field shapes shared by the DaC kinds. Every error message is phrased as "expected ...", the part
 * the validation report shows the model next to the JSON path and the value it actually sent.
 * Objects are loose: DAC.md says unknown fields are kept, not rejected.
 */
import { z } from 'zod';
import { checkPatchPath } from '../../blocks/safePath';

export const expected = (what: string): { error: string } => ({ error: `expected ${what}` });

const SCORE = 'an integer score from 0 to 100';
export const score = z.int(expected(SCORE)).min(0, expected(SCORE)).max(100, expected(SCORE));

const ID = 'a short id: a letter, then up to 31 letters, digits, "-", "_" or "." (e.g. "T1")';
export const id = z.string(expected(ID)).regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/, expected(ID));

export const text = (what = 'a non-empty string') => z.string(expected(what)).trim().min(1, expected(what));

export const textList = (what = 'an array of non-empty strings') => z.array(text(), expected(what));

const PATH = 'a path relative to the workspace root, with / (no leading /, ./, .. or \\, not .git, .factory, .vscode, .idea, .devcontainer, .envrc or a *.code-workspace file), e.g. "src/a.js"';
export const relPath = z.string(expected(PATH)).refine((p) => {
  const checked = checkPatchPath(p);
  return checked.ok && checked.path === p;
}, expected(PATH));

/** Case slips in an enum ("High", "accept") are read as meant: the value can only mean one thing. */
export function looseEnum<const T extends readonly [string, ...string[]]>(values: T, caseOf: 'lower' | 'upper') {
  const list = values.map((v) => `"${v}"`).join(', ');
  return z.preprocess(
    (v) => (typeof v === 'string' ? (caseOf === 'lower' ? v.trim().toLowerCase() : v.trim().toUpperCase()) : v),
    z.enum(values, expected(`one of ${list}`)),
  );
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const severity = looseEnum(SEVERITIES, 'lower');

export const line = z.int(expected('a line number (an integer from 1)')).min(1, expected('a line number (an integer from 1)'));

export const object = z.looseObject;

/** The fields every DaC message has; `kind` is narrowed by each schema. */
export function envelopeOf<K extends string>(kind: K) {
  return {
    dac: z.literal(1, expected('1 (the DaC protocol version)')),
    kind: z.literal(kind, expected(`"${kind}"`)),
  };
}
