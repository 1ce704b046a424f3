import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { dashboardHtml } from '../../src/shared/dashboardHtml';

const repo = join(__dirname, '..', '..', '..');
const FILES: Record<string, { file: string; type: string }> = {
  '/dist/webview.js': { file: join(repo, 'dist', 'webview.js'), type: 'text/javascript' },
  '/media/dashboard.css': { file: join(repo, 'media', 'dashboard.css'), type: 'text/css' },
};

/**
 * Serves the dashboard exactly as the extension builds it (same HTML builder, same CSP, the built
 * dist/webview.js) on loopback, so the browser test exercises what users get.
 */
export async function serveDashboard(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? ''}`;
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        dashboardHtml({
          cspSource: origin,
          nonce: randomBytes(16).toString('base64'),
          scriptUri: `${origin}/dist/webview.js`,
          styleUri: `${origin}/media/dashboard.css`,
        }),
      );
      return;
    }
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const f = FILES[req.url ?? ''];
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    readFile(f.file).then(
      (body) => res.writeHead(200, { 'content-type': f.type }).end(body),
      () => res.writeHead(500).end(`cannot read ${f.file}: run the build first`),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
