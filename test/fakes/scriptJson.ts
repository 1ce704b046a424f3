// Checks scripts that arrive as JSON over /__fake/ (a CLI test in another process has no type checker):
// a typo such as `cutafter` must fail loudly with a 400, not silently script a clean reply.
import { isObject, type JsonValue } from './json';
import { ScriptError, type Reply, type ReplyLike, type Route, type RouteMatch, type Usage } from './script';

type Kind = 'string' | 'number' | 'boolean';
// Keyed by the TypeScript types, so a field added to Reply, Usage or RouteMatch must be added here too.
const REPLY_FIELDS: Record<keyof Reply, Kind | 'chunks' | 'usage' | 'headers'> = {
  text: 'string', chunks: 'chunks', usage: 'usage', status: 'number', error: 'string', headers: 'headers',
  cutAfter: 'number', stallAfter: 'number', endAfter: 'number', hang: 'boolean', destroy: 'boolean', delayMs: 'number',
};
const USAGE_FIELDS: Record<keyof Usage, Kind> = { input: 'number', output: 'number', cached: 'number', cacheWrite: 'number' };
const MATCH_FIELDS: Record<keyof RouteMatch, Kind> = {
  run: 'string', role: 'string', step: 'string', expect: 'string', task: 'string', repair: 'number',
};

function list(value: JsonValue): JsonValue[] {
  return Array.isArray(value) ? value : [value];
}

function expectKind(value: JsonValue, kind: Kind, at: string): void {
  if (typeof value !== kind) throw new ScriptError(`${at}: expected a ${kind}`);
}

/** The object's fields, checked against `kinds` (a field it does not name is a typo); each value's kind is the caller's. */
function checkFields<K extends string>(value: JsonValue, kinds: Record<K, unknown>, at: string): Record<string, JsonValue> {
  if (!isObject(value)) throw new ScriptError(`${at}: expected an object`);
  const unknown = Object.keys(value).filter((k) => !Object.hasOwn(kinds, k));
  if (unknown.length > 0) throw new ScriptError(`${at}: unknown field(s) ${unknown.join(', ')}`);
  return value;
}

function checkUsage(value: JsonValue, at: string): void {
  const o = checkFields(value, USAGE_FIELDS, at);
  for (const [k, v] of Object.entries(o)) expectKind(v, USAGE_FIELDS[k as keyof Usage], `${at}.${k}`);
}

export function parseReply(value: JsonValue, at: string): ReplyLike {
  if (typeof value === 'string') return value;
  const o = checkFields(value, REPLY_FIELDS, at);
  for (const [k, v] of Object.entries(o)) {
    const kind = REPLY_FIELDS[k as keyof Reply];
    if (kind === 'usage') checkUsage(v, `${at}.usage`);
    else if (kind === 'chunks') {
      if (!Array.isArray(v) || v.some((c) => typeof c !== 'string')) throw new ScriptError(`${at}.chunks: expected strings`);
    } else if (kind === 'headers') {
      if (!isObject(v)) throw new ScriptError(`${at}.headers: expected an object`);
      for (const [name, hv] of Object.entries(v)) expectKind(hv, 'string', `${at}.headers.${name}`);
    } else expectKind(v, kind, `${at}.${k}`);
  }
  return o as ReplyLike;
}

/** One reply or an array of them. */
export function parseReplies(value: JsonValue): ReplyLike[] {
  return list(value).map((v, i) => parseReply(v, `replies[${i}]`));
}

/** One route or an array of them. */
export function parseRoutes(value: JsonValue): Route[] {
  return list(value).map((v, i) => {
    const at = `routes[${i}]`;
    const o = checkFields(v, { match: 1, reply: 1, replies: 1, times: 1 }, at);
    const m = checkFields(o['match'] ?? null, MATCH_FIELDS, `${at}.match`);
    for (const [k, mv] of Object.entries(m)) expectKind(mv, MATCH_FIELDS[k as keyof RouteMatch], `${at}.match.${k}`);
    const route: Route = { match: m as RouteMatch };
    if (o['reply'] !== undefined) route.reply = parseReply(o['reply'], `${at}.reply`);
    if (o['replies'] !== undefined) {
      const rs = o['replies'];
      if (!Array.isArray(rs)) throw new ScriptError(`${at}.replies: expected an array`);
      route.replies = rs.map((r, j) => parseReply(r, `${at}.replies[${j}]`));
    }
    if (o['times'] !== undefined) {
      expectKind(o['times'], 'number', `${at}.times`);
      route.times = o['times'] as number;
    }
    return route;
  });
}
