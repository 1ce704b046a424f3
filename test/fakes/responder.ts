// Sends one scripted reply in a protocol's shape, faults included. Only the socket of this request is
// ever destroyed: closing others would break the next keep-alive request of genai and ollama.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sleep, writeFrame } from './http';
import type { ProtocolCall, WireProtocol } from './protocols';
import { toCompletion, type Reply } from './script';

export interface Delivery {
  readonly protocol: WireProtocol;
  readonly call: ProtocolCall;
  readonly reply: Reply;
  /** Keeps a response open (hang, stall) until the client leaves or the fake releases it. */
  readonly hold: (res: ServerResponse) => void;
}

export async function deliver(req: IncomingMessage, res: ServerResponse, d: Delivery): Promise<void> {
  const { reply, protocol, call } = d;
  if (reply.destroy) return void req.socket.destroy();
  if (reply.hang) return d.hold(res);
  const headers = reply.headers ?? {};
  if (reply.status !== undefined && reply.status >= 400) {
    await sleep(reply.delayMs);
    const message = reply.error ?? `fake-llm: scripted HTTP ${reply.status}`;
    return sendJson(res, reply.status, protocol.error(reply.status, message), headers);
  }
  const completion = toCompletion(reply);
  let frames: string[];
  if (call.stream) {
    frames = protocol.frames(completion, call);
    res.writeHead(reply.status ?? 200, { 'content-type': protocol.streamContentType, 'cache-control': 'no-cache', ...headers });
  } else {
    // A non-streaming answer is one frame; its wait comes before the headers, like a slow model's.
    await sleep(reply.delayMs);
    frames = [JSON.stringify(protocol.complete(completion, call))];
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...headers });
  }
  res.flushHeaders(); // so that a fault at frame 0 comes after the headers, as documented
  await sendFrames(res, frames, reply, call.stream, d.hold);
}

async function sendFrames(res: ServerResponse, frames: string[], reply: Reply, stream: boolean, hold: Delivery['hold']): Promise<void> {
  for (let i = 0; ; i++) {
    if (res.destroyed) return; // the client left (e.g. aborted)
    if (i === reply.cutAfter) return void res.socket?.destroy();
    if (i === reply.stallAfter) return hold(res);
    if (i === reply.endAfter || i === frames.length) return void res.end();
    if (stream) await sleep(reply.delayMs);
    await writeFrame(res, frames[i] as string);
  }
}
