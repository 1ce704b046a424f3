// Every wire protocol the fake speaks, tried in order against each request.
import type { JsonObject } from '../json';
import { anthropic } from './anthropic';
import { gemini } from './gemini';
import { ollama } from './ollama';
import { openAiChat } from './openaiChat';
import { openAiResponses } from './openaiResponses';
import type { ProtocolCall, ProtocolName, WireProtocol } from './types';

export type { ProtocolCall, ProtocolName, WireProtocol } from './types';

export const PROTOCOLS: readonly WireProtocol[] = [anthropic, openAiChat, openAiResponses, gemini, ollama];

export function recogniseCall(method: string, path: string, body: JsonObject): { protocol: WireProtocol; call: ProtocolCall } | null {
  for (const protocol of PROTOCOLS) {
    const call = protocol.recognise(method, path, body);
    if (call) return { protocol, call };
  }
  return null;
}

/** Frames each protocol sends before its first text delta: `cutAfter: preambleFrames(p) + 1` cuts after one chunk. */
export function preambleFrames(name: ProtocolName): number {
  return PROTOCOLS.find((p) => p.name === name)?.preambleFrames ?? 0;
}
