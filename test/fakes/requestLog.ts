// What the fake remembers of each model request, so tests can assert what the client sent.
import type { DacContext } from './dacContext';
import type { JsonValue } from './json';
import type { ProtocolName } from './protocols';
import type { ReplySource } from './replyBook';

export interface RecordedRequest {
  /** 1-based order of arrival. */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, or the raw text when it was not JSON. */
  readonly body: JsonValue;
  /** null: no protocol lives at this path (answered 404). */
  readonly protocol: ProtocolName | null;
  readonly stream: boolean;
  readonly dac: DacContext | null;
  /** Who answered: a route, the queue, or nobody (the request got the "no script" 500, or a 404). */
  readonly answeredBy: ReplySource | 'unscripted' | 'no-protocol';
}

export function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
