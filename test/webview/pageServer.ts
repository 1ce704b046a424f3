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
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/') {
      let html = dashboardHtml({
        cspSource: origin,
        nonce: randomBytes(16).toString('base64'),
        scriptUri: `${origin}/dist/webview.js`,
        styleUri: `${origin}/media/dashboard.css`,
      });
      // What VS Code adds to a webview: the theme's variables and a body class naming the theme kind.
      const theme = url.searchParams.get('theme');
      if (theme === 'light' || theme === 'dark') {
        html = html.replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/theme/${theme}.css">\n<link rel="stylesheet"`).replace('<body>', `<body class="vscode-${theme}">`);
      }
      // A script with no nonce, as an injected one would be: the page's CSP must refuse to run it.
      if (url.searchParams.has('inline')) html = html.replace('</body>', '<script>window.__inlineRan = true;</script>\n</body>');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const theme = /^\/theme\/(light|dark)\.css$/.exec(url.pathname);
    if (theme) {
      readFile(join(repo, 'test', 'webview', 'themes', `${theme[1]}.css`)).then(
        (body) => res.writeHead(200, { 'content-type': 'text/css' }).end(body),
        () => res.writeHead(500).end(),
      );
      return;
    }
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const f = FILES[url.pathname];
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
