import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { httpProbe } from '../../../src/core/exec';
import { freePort } from './procs';

describe('httpProbe', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ method?: string; url?: string; host?: string; body: string }> = [];
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, host: req.headers.host, body });
        if (req.url === '/big') return res.end('x'.repeat(200 * 1024));
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
        if (req.url === '/boom') {
          res.statusCode = 500;
          return res.end('TypeError: cannot read properties of undefined');
        }
        res.setHeader('x-app', 'yes');
        res.end(`${req.method} ${req.url} ${body}`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  after(() => server.close());

  it('sends the request to the app and observes status, headers and body', async () => {
    const o = await httpProbe(port, { method: 'post', path: '/items?x=1', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, 2000);
    assert.equal(o.ok, true);
    assert.equal(o.status, 200);
    assert.equal(o.headers?.['x-app'], 'yes');
    assert.equal(o.body, 'POST /items?x=1 {"a":1}');
    assert.equal(o.bodyTruncated, false);
  });

  it('a 500 is an observation too', async () => {
    const o = await httpProbe(port, { method: 'GET', path: '/boom' }, 2000);
    assert.equal(o.ok, true);
    assert.equal(o.status, 500);
    assert.match(o.body, /TypeError/);
  });

  it('caps the body', async () => {
    const o = await httpProbe(port, { method: 'GET', path: '/big' }, 2000, undefined, 1000);
    assert.equal(o.body.length, 1000);
    assert.equal(o.bodyTruncated, true);
  });

  it('a refused connection is an observation, not an exception', async () => {
    const closed = await freePort();
    const o = await httpProbe(closed, { method: 'GET', path: '/' }, 2000);
    assert.equal(o.ok, false);
    assert.match(o.error ?? '', /connection refused on 127\.0\.0\.1:\d+/);
  });

  it('times out', async () => {
    const o = await httpProbe(port, { method: 'GET', path: '/slow' }, 200);
    assert.equal(o.ok, false);
    assert.match(o.error ?? '', /no complete answer within 200 ms/);
    assert.ok(o.durationMs < 1500);
  });

  it('can be cancelled', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const o = await httpProbe(port, { method: 'GET', path: '/slow' }, 5000, ac.signal);
    assert.equal(o.error, 'cancelled');
  });

  it('refuses any host but 127.0.0.1/localhost and any port but the app\'s, sending nothing', async () => {
    const before = seen.length;
    const refusals: Array<[string, RegExp]> = [
      ['http://example.com/', /host example\.com is not the app/],
      ['http://169.254.169.254/latest/meta-data', /host 169\.254\.169\.254 is not the app/],
      [`http://127.0.0.1:${port + 1}/`, /port \d+ is not the app's port/],
      ['https://localhost/', /only http:\/\//],
      ['//example.com/x', /not a path on the app/],
      ['items', /not a path on the app/],
      [`http://user:pw@127.0.0.1:${port}/`, /credentials/],
    ];
    for (const [path, why] of refusals) {
      const o = await httpProbe(port, { method: 'GET', path }, 1000);
      assert.equal(o.ok, false, path);
      assert.match(o.error ?? '', why, path);
    }
    assert.equal((await httpProbe(port, { method: 'GET /x HTTP/1.1\r\nHost: evil', path: '/' }, 1000)).ok, false);
    assert.equal(seen.length, before, 'a refused probe reached the server');
  });

  it('accepts an absolute URL to the app itself; a Host header does not redirect it', async () => {
    const o = await httpProbe(port, { method: 'GET', path: `http://localhost:${port}/x?y=1`, headers: { Host: 'example.com' } }, 2000);
    assert.equal(o.status, 200);
    assert.equal(o.body, 'GET /x?y=1 ');
    assert.equal(seen.at(-1)?.host, `127.0.0.1:${port}`);
  });
});
