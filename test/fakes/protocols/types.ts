// What the server needs from one wire protocol: recognise its requests, find the prompt's first user
// text, and render a Completion or an error in that protocol's own shapes.
import type { JsonObject, JsonValue } from '../json';
import type { Completion } from '../script';

export type ProtocolName = 'anthropic' | 'openai-chat' | 'openai-responses' | 'gemini' | 'ollama';

/** One recognised request. */
export interface ProtocolCall {
  readonly body: JsonObject;
  readonly model: string;
  readonly stream: boolean;
}

export interface WireProtocol {
  readonly name: ProtocolName;
  readonly streamContentType: string;
  /** Stream frames before the first text delta, so tests can place faults mid-text. */
  readonly preambleFrames: number;
  /** The call when this request belongs to this protocol, else null. */
  recognise(method: string, path: string, body: JsonObject): ProtocolCall | null;
  /** Text of the first user message, where the DaC-Context line lives. */
  firstUserText(body: JsonObject): string | null;
  /** The non-streaming response body. */
  complete(c: Completion, call: ProtocolCall): JsonValue;
  /** The streaming response, one string per frame, already framed (SSE event or NDJSON line). */
  frames(c: Completion, call: ProtocolCall): string[];
  /** The error body this provider sends with an HTTP error status. */
  error(status: number, message: string): JsonValue;
}
