import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server on 127.0.0.1 that answers 500 to anything, after writing down what came: nothing should arrive. */
export class RecordingListener {
  readonly seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  private readonly server: Server = createServer((req, res) => {
    this.seen.push({ url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(500).end('{"error":"this listener takes nothing"}');
  });
  url = '';

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
