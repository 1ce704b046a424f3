// Stream framing shared by the protocols.
import type { JsonValue } from '../json';

/** One Server-Sent Event; `event:` only for protocols that name their events (Anthropic, Responses). */
export function sse(data: JsonValue, event?: string): string {
  return (event ? `event: ${event}\n` : '') + `data: ${JSON.stringify(data)}\n\n`;
}

/** One newline-delimited JSON line (Ollama). */
export function ndjson(data: JsonValue): string {
  return JSON.stringify(data) + '\n';
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
