/** Reading the CLIs' JSON: objects by line, or one object across lines, and typed fields without `any`. */

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object on one line of output, or undefined for a line that is not one (a warning, a blank). */
export function jsonLine(text: string): JsonObject | undefined {
  const t = text.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The one JSON object in `text` (pretty-printed or not, maybe after a warning line), or undefined. */
export function jsonDocument(text: string): JsonObject | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const v: unknown = JSON.parse(text.slice(start, end + 1));
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function field(o: unknown, key: string): unknown {
  return isObject(o) ? o[key] : undefined;
}

export function str(o: unknown, key: string): string | undefined {
  const v = field(o, key);
  return typeof v === 'string' ? v : undefined;
}

/** A token count: a whole number >= 0, else 0. */
export function count(o: unknown, key: string): number {
  const v = field(o, key);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0;
}
