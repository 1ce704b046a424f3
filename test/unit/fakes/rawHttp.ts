// Plain HTTP against the fake, for request shapes and headers the SDKs do not let a test choose.
import type { JsonValue } from '../../fakes/json';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export async function postJson(url: string, body: unknown): Promise<RawAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export function json(a: RawAnswer): JsonValue {
  return JSON.parse(a.text) as JsonValue;
}
