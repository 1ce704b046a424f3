// The fake LLM server: one node:http server on 127.0.0.1 that speaks every provider's wire protocol
// (see protocols/), answers from a script (replyBook.ts), records every request (requestLog.ts), and
// can be driven in-process or over HTTP (control.ts). Nothing a test does with it leaves the machine.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl, type ControlTarget } from './control';
import { findDacContext, type DacContext } from './dacContext';
import { readBody, sendJson } from './http';
import { isObject, parseBody, type JsonValue } from './json';
import { recogniseCall } from './protocols';
import { ReplyBook } from './replyBook';
import { flatHeaders, type RecordedRequest } from './requestLog';
import { deliver } from './responder';
import { toReply, type Reply, type ReplyLike, type Route } from './script';

export class FakeLlm implements ControlTarget {
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly book = new ReplyBook();
  private log: RecordedRequest[] = [];
  private readonly held = new Set<ServerResponse>();
  private address: string | null = null;

  /** Starts listening on 127.0.0.1 (port 0 = any free port); resolves to the base URL. */
  listen(port = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.address = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        resolve(this.address);
      });
    });
  }

  /** `http://127.0.0.1:<port>`, without a trailing slash (OpenAI clients want `${url}/v1`). */
  get url(): string {
    if (!this.address) throw new Error('fake-llm: not listening; call listen() first');
    return this.address;
  }

  /** Appends replies to the FIFO queue, used when no route matches. */
  script(...replies: ReplyLike[]): this {
    this.book.script(replies);
    return this;
  }

  /** Adds routes, tried in the order added, before the queue. */
  route(...routes: Route[]): this {
    this.book.route(routes);
    return this;
  }

  requests(): readonly RecordedRequest[] {
    return [...this.log];
  }

  /** Forgets script, routes and requests, and frees held connections: a clean slate between tests. */
  reset(): void {
    this.book.clear();
    this.log = [];
    this.release();
  }

  /** Destroys the connections kept open by `hang` and `stallAfter`. */
  release(): void {
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }

  async close(): Promise<void> {
    this.release();
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // At shutdown every connection must go, idle keep-alive ones and slow streams alike.
    this.server.closeAllConnections();
    await closed;
    this.address = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = parseBody(await readBody(req));
      if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(this, req.method ?? 'GET', url.pathname, body, res);
      await this.answer(req, res, url, body);
    } catch (err) {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: `fake-llm: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse, url: URL, body: JsonValue): Promise<void> {
    const method = req.method ?? 'GET';
    const found = recogniseCall(method, url.pathname, isObject(body) ? body : {});
    const dac = found ? findDacContext(found.protocol.firstUserText(found.call.body)) : null;
    const pick = found ? this.book.take(dac) : null;
    this.log.push({
      seq: this.log.length + 1,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req.headers),
      body,
      protocol: found?.protocol.name ?? null,
      stream: found?.call.stream ?? false,
      dac,
      answeredBy: !found ? 'no-protocol' : pick ? pick.source : 'unscripted',
    });
    if (!found) return sendJson(res, 404, { error: `fake-llm: no wire protocol at ${method} ${url.pathname}` });
    const reply = pick ? toReply(pick.reply) : this.unscripted(dac);
    await deliver(req, res, { ...found, reply, hold: (r) => this.hold(r) });
  }

  /** The 500 a test sees when it forgot to script a request: it names the request's DaC-Context. */
  private unscripted(dac: DacContext | null): Reply {
    const which = dac ? `"${dac.line}"` : 'a request without a DaC-Context line';
    return {
      status: 500,
      error: `fake-llm: no scripted reply for ${which} (${this.book.describe()})`,
      headers: { 'x-should-retry': 'false' },
    };
  }

  private hold(res: ServerResponse): void {
    this.held.add(res);
    res.once('close', () => this.held.delete(res));
  }
}

/** A FakeLlm already listening. */
export async function startFakeLlm(port = 0): Promise<FakeLlm> {
  const fake = new FakeLlm();
  await fake.listen(port);
  return fake;
}
