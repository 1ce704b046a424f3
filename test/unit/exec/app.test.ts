import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { startApp, type AppSpec } from '../../../src/core/exec';
import { freePort, gone, node } from './procs';

/** A tiny HTTP app; `delay` before it listens; a child `sleep` so the group has more than one process. */
const server = (port: number, delay = 0) =>
  `const c = require("child_process").spawn("sleep", ["100"], { stdio: "ignore" }); console.log("child " + c.pid);` +
  `setTimeout(() => require("http").createServer((q, s) => { if (q.url === "/crash") process.exit(7); s.end("hi " + q.method + " " + q.url) }).listen(${port}, "127.0.0.1", () => console.log("listening on ${port}")), ${delay})`;

const spec = (script: string, extra: Partial<AppSpec> = {}): AppSpec => ({ argv: [node, '-e', script], cwd: tmpdir(), timeoutMs: 20000, readyTimeoutMs: 5000, killGraceMs: 500, ...extra });

describe('startApp', () => {
  it('port mode: ready when 127.0.0.1:port accepts; stop() kills the whole group', async () => {
    const port = await freePort();
    const app = startApp(spec(server(port, 200), { port }));
    const ready = await app.ready;
    assert.ok(ready.ok, JSON.stringify(ready));
    assert.equal(ready.port, port);
    assert.ok(ready.afterMs >= 150, `ready after ${ready.afterMs} ms, before the app listened`);
    const pid = app.pid as number;
    const run = await app.stop();
    const child = Number(/child (\d+)/.exec(run.output)?.[1]);
    assert.ok(await gone(pid, 1000), 'the app is still running');
    assert.ok(await gone(child, 1000), 'the app\'s child is still running');
    assert.equal(run.exitCode, null);
    assert.equal(run.signal, 'SIGTERM');
    assert.equal(run.cancelled, false);
    assert.match(run.output, /listening on/);
    assert.strictEqual(await app.stop(), run, 'stop() is idempotent');
  });

  it('ready-line mode: ready when a line of output matches, even before its newline', async () => {
    const app = startApp(spec('setTimeout(() => process.stdout.write("compiling…\\nServer ready at http://x"), 150); setInterval(() => {}, 1000)', { readyLine: /ready at/ }));
    const ready = await app.ready;
    assert.ok(ready.ok, JSON.stringify(ready));
    assert.equal(ready.port, undefined);
    await app.stop();
    assert.ok(await gone(app.pid as number, 1000));
  });

  it('an app that exits before it is ready: not ready, with its output and exit code', async () => {
    const port = await freePort();
    const app = startApp(spec('console.error("Error: Cannot find module ./server"); process.exit(1)', { port }));
    const ready = await app.ready;
    assert.equal(ready.ok, false);
    assert.ok(!ready.ok);
    assert.match(ready.reason, /exited with code 1 before it was ready/);
    assert.match(ready.output, /Cannot find module/);
    const run = await app.stop();
    assert.equal(run.exitCode, 1);
  });

  it('readiness timeout: not ready, saying what it waited for; the app is stopped by stop()', async () => {
    const port = await freePort();
    const app = startApp(spec('console.log("booting"); setInterval(() => {}, 1000)', { port, readyLine: /listening/, readyTimeoutMs: 2000 }));
    const ready = await app.ready;
    assert.ok(!ready.ok);
    assert.match(ready.reason, /not ready after 2000 ms: no line of output matched \/listening\/; port \d+ on 127\.0\.0\.1 did not accept a connection/);
    assert.match(ready.output, /booting/);
    await app.stop();
    assert.ok(await gone(app.pid as number, 1000));
  });

  it('cancel: not ready, and the group is stopped', async () => {
    const ac = new AbortController();
    const port = await freePort();
    const app = startApp(spec(server(port, 5000), { port }), ac.signal);
    setTimeout(() => ac.abort(), 200);
    const ready = await app.ready;
    assert.ok(!ready.ok);
    assert.match(ready.reason, /cancelled/);
    const run = await app.stop();
    assert.equal(run.cancelled, true);
    assert.ok(await gone(app.pid as number, 1000));
  });

  it('a missing program: not ready, saying which program', async () => {
    const app = startApp({ argv: ['no-such-server-binary'], cwd: tmpdir(), timeoutMs: 5000, readyTimeoutMs: 1000, port: 1 });
    const ready = await app.ready;
    assert.ok(!ready.ok);
    assert.match(ready.reason, /command not found: no-such-server-binary/);
    assert.equal((await app.stop()).spawnError?.startsWith('command not found'), true);
  });

  it('a port already taken by something else is not mistaken for the app', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const app = startApp(spec('setInterval(() => {}, 1000)', { port }));
      const ready = await app.ready;
      assert.ok(!ready.ok);
      assert.match(ready.reason, /already in use/);
      await app.stop();
    } finally {
      taken.close();
    }
  });

  it('an app nobody stops is stopped at timeoutMs', async () => {
    // Under load node may take a second to start: the lifetime must outlast that for `ready` to be seen.
    const app = startApp(spec('console.log("ready"); setInterval(() => {}, 1000)', { readyLine: /ready/, timeoutMs: 2500 }));
    assert.ok((await app.ready).ok);
    assert.ok(await gone(app.pid as number, 5000));
    assert.equal((await app.stop()).timedOut, true);
  });
});
