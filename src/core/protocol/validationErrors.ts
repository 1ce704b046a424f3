/**
 * Zod issues turned into DaC issues: the JSON path, what was expected there (the schema's own
 * "expected ..." message, or one built from the issue), and what the reply actually had.
 */
import type { z } from 'zod';
import type { DacIssue } from './issues';

type Key = PropertyKey;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function jsonPath(path: readonly Key[]): string {
  let out = '$';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (typeof k === 'string' && IDENT.test(k)) out += `.${k}`;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

export function issuesFromZod(issues: readonly z.core.$ZodIssue[], input: unknown): DacIssue[] {
  const seen = new Set<string>();
  const out: DacIssue[] = [];
  for (const issue of issues) {
    const path = jsonPath(issue.path);
    const item: DacIssue = { path, expected: expectedOf(issue), got: describeAt(input, issue.path) };
    const key = `${item.path}|${item.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('expected ')) return issue.message.slice('expected '.length);
  switch (issue.code) {
    case 'invalid_type':
      return typeWords(issue.expected);
    case 'invalid_value':
      return issue.values.length === 1 ? `exactly ${JSON.stringify(issue.values[0])}` : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return bound(issue.origin, 'at least', Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return bound(issue.origin, 'at most', Number(issue.maximum), issue.inclusive !== false);
    case 'invalid_union': {
      const options = issue.errors.flatMap((branch) => branch.filter((b) => b.path.length === 0).map((b) => expectedOf(b)));
      return options.length > 0 ? [...new Set(options)].join(' or ') : 'one of the allowed shapes';
    }
    case 'unrecognized_keys':
      return `no fields named ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return `a string in ${issue.format} format`;
    default:
      return issue.message;
  }
}

function typeWords(t: string): string {
  switch (t) {
    case 'int':
      return 'an integer';
    case 'array':
    case 'object':
      return `an ${t}`;
    case 'null':
    case 'undefined':
      return t;
    default:
      return `a ${t}`;
  }
}

function bound(origin: string, how: string, n: number, inclusive: boolean): string {
  const v = inclusive ? n : how === 'at least' ? n + 1 : n - 1;
  if (origin === 'array' || origin === 'set') return `${how} ${v} item${v === 1 ? '' : 's'}`;
  if (origin === 'string') return v === 1 && how === 'at least' ? 'a non-empty string' : `${how} ${v} characters`;
  return `a number ${how} ${v}`;
}

/** The value at `path` in the reply, briefly: enough for the model to recognise what it sent. */
export function describeAt(input: unknown, path: readonly Key[]): string {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return 'nothing (the field is missing)';
    if (!Object.prototype.hasOwnProperty.call(v, k)) return 'nothing (the field is missing)';
    v = (v as Record<Key, unknown>)[k];
  }
  return describe(v);
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : `an array of ${v.length}`;
  switch (typeof v) {
    case 'string':
      return v.length > 60 ? `the string ${JSON.stringify(v.slice(0, 57))}... (${v.length} characters)` : `the string ${JSON.stringify(v)}`;
    case 'number':
      return `the number ${String(v)}`;
    case 'boolean':
      return String(v);
    case 'object': {
      const keys = Object.keys(v as object);
      const shown = keys.slice(0, 5).map((k) => JSON.stringify(k));
      return keys.length === 0 ? 'an empty object' : `an object with ${shown.join(', ')}${keys.length > 5 ? ', ...' : ''}`;
    }
    default:
      return typeof v;
  }
}
