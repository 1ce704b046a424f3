/**
 * The schema's objections in plain words. A person reads them in a notification or the CLI's error
 * (zod's own "Invalid option: expected one of …" is written for programmers): each says what is
 * wrong with the setting and what to write instead; an empty role is one problem, not one per field.
 */
import type { z } from 'zod';
import { DEFAULT_ROLES } from './defaults';
import { ROLES, type Role } from './roles';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export interface PlainProblem {
  path: string;
  message: string;
}

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A value as a sentence names it. */
function describe(v: unknown): string {
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v)}`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** The role a path is under (`roles.qc.…`), for an example that fits it. */
const roleOf = (path: Path): Role => (path[0] === 'roles' && (ROLES as readonly PropertyKey[]).includes(path[1] ?? '') ? (path[1] as Role) : 'ceo');

function example(path: Path): string {
  const { provider, model } = DEFAULT_ROLES[roleOf(path)];
  return `{ "provider": "${provider}", "model": "${model}" }`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  record: 'an object',
};

function expectedWords(expected: string, path: Path): string {
  if (expected === 'object') return path[0] === 'roles' ? `an object such as ${example(path)}` : 'an object';
  return EXPECTED[expected] ?? expected;
}

function message(issue: Issue, input: unknown): string {
  const value = valueAt(input, issue.path);
  const is = value === undefined ? '' : `; it is ${describe(value)}`;
  switch (issue.code) {
    case 'invalid_value': {
      const choices = issue.values.map(String).join(', ');
      return value === undefined ? `is missing: set it to one of: ${choices}.` : `${JSON.stringify(value)} is not one of: ${choices}.`;
    }
    case 'invalid_type': {
      const want = expectedWords(issue.expected, issue.path);
      return value === undefined ? `is missing: it must be ${want}.` : `must be ${want}, not ${describe(value)}.`;
    }
    case 'too_big':
      if (issue.origin !== 'number' && issue.origin !== 'int') return issue.message;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}${is}.`;
    case 'too_small':
      // A text's minimum carries the schema's own sentence ("model must name a model, e.g. …").
      if (issue.origin !== 'number' && issue.origin !== 'int') return issue.message;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}${is}.`;
    case 'invalid_format':
      return issue.format === 'url' ? `must be a URL such as https://example.com/v1${is}.` : issue.message;
    case 'unrecognized_keys':
      return `${issue.keys.map((k) => JSON.stringify(k)).join(', ')} ${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} here (a typo?): remove ${issue.keys.length === 1 ? 'it' : 'them'}, or correct the name.`;
    default:
      return issue.message;
  }
}

/** A role (or a fallback) with neither provider nor model: `{}`, as an editor inserts for an object setting. */
function emptyModel(input: unknown, path: Path): boolean {
  const v = valueAt(input, path);
  return path[0] === 'roles' && typeof v === 'object' && v !== null && !Array.isArray(v) && !('provider' in v) && !('model' in v);
}

const dotted = (prefix: readonly string[], path: Path): string => [...prefix, ...path.map(String)].join('.') || '(top level)';

/** The issues of one parse of `input` in plain words; `prefix` is where `input` sits in the whole configuration. */
export function plainIssues(issues: readonly Issue[], input: unknown, prefix: readonly string[] = []): PlainProblem[] {
  const problems: PlainProblem[] = [];
  const emptied = new Set<string>();
  for (const issue of issues) {
    const parent = issue.path.slice(0, -1);
    const field = issue.path.at(-1);
    if ((field === 'provider' || field === 'model') && emptyModel(input, parent)) {
      const at = dotted(prefix, parent);
      if (emptied.has(at)) continue;
      emptied.add(at);
      const what = parent.includes('fallbacks') ? 'a fallback' : 'a role';
      const role = roleOf(parent);
      const back = parent.includes('fallbacks') ? 'remove it' : `remove it, or set it to null, to use the default (${DEFAULT_ROLES[role].provider}:${DEFAULT_ROLES[role].model})`;
      problems.push({ path: at, message: `is empty: ${what} needs a provider and a model, such as ${example(parent)}; ${back}.` });
      continue;
    }
    problems.push({ path: dotted(prefix, issue.path), message: message(issue, input) });
  }
  return problems;
}
