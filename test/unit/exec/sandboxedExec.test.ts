// The app's sandbox (src/core/exec/sandbox/sandboxedExec.ts): the app and its probes share one
// network namespace, reached through the bridge; a probe stopped at its time limit is gone inside the
// sandbox too; stopping the app removes the bridge's folder. Needs bubblewrap (CI installs it).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxedExec } from '../../../src/core/exec';
import { findSandbox } from '../../../src/core/exec/sandbox/findSandbox';
import { freePort, node } from './procs';

const hostReach = (port: number) =>
  new Promise<string>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });

const bridges = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('factory-app-')));

describe('sandboxedExec: the app and its probes in one sandbox', function () {
  this.timeout(30000);
  let ws = '';
  before(function () {
    const tools = findSandbox();
    if (!tools.ok) throw new Error(`these tests need bubblewrap: ${tools.why}`);
  });
  beforeEach(() => (ws = mkdtempSync(join(tmpdir(), 'factory-sbx-'))));
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('a program that dies of a signal inside the sandbox is recorded with that signal, as outside', async () => {
    const exec = sandboxedExec(ws, { sandbox: 'required', maxProcesses: 256, memoryMb: 2048 });
    const run = await exec.run({ argv: [node, '-e', 'process.abort()'], cwd: ws, timeoutMs: 10000 });
    assert.deepEqual([run.exitCode, run.signal, run.sandboxed], [null, 'SIGABRT', true]);
    const exited = await exec.run({ argv: [node, '-e', 'process.exit(3)'], cwd: ws, timeoutMs: 10000 });
    assert.deepEqual([exited.exitCode, exited.signal], [3, null]);
  });

  it('probes reach the app, the host does not; a probe at its time limit is stopped; stop() leaves nothing behind', async () => {
    const before = bridges();
    const exec = sandboxedExec(ws, { sandbox: 'required', maxProcesses: 256, memoryMb: 2048 });
    assert.equal(exec.status.sandboxed, true);
    const port = await freePort();
    const app = exec.startApp({
      argv: [node, '-e', `require('http').createServer((q, s) => s.end('hi ' + q.url)).listen(${port}, '127.0.0.1')`],
      cwd: ws,
      timeoutMs: 20000,
      port,
      readyTimeoutMs: 10000,
      killGraceMs: 300,
    });
    const ready = await app.ready;
    assert.ok(ready.ok, JSON.stringify(ready));
    assert.equal(app.sandboxed, true);
    assert.equal(await hostReach(port), 'ECONNREFUSED');

    const http = await app.httpProbe({ method: 'GET', path: '/a' }, 5000);
    assert.deepEqual([http.status, http.body], [200, 'hi /a']);
    const cmd = await app.run({ argv: [node, '-e', `require('http').get('http://127.0.0.1:${port}/b', (r) => r.pipe(process.stdout))`], cwd: ws, timeoutMs: 5000 });
    assert.deepEqual([cmd.exitCode, cmd.output, cmd.sandboxed], [0, 'hi /b', true]);
    const failing = await app.run({ argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'], cwd: ws, timeoutMs: 5000, stdin: 'x' });
    assert.deepEqual([failing.exitCode, failing.output.split('\n').sort().join(' ').trim()], [3, 'err out']);

    // The probe writes its pid inside the sandbox's PID namespace; the sandbox's own `ps` must not see it afterwards.
    const slow = await app.run({ argv: ['sh', '-c', 'echo started; exec sleep 30'], cwd: ws, timeoutMs: 800, killGraceMs: 200 });
    assert.equal(slow.timedOut, true);
    const ps = await app.run({ argv: ['sh', '-c', 'ls /proc | grep -c "^[0-9]"; cat /proc/[0-9]*/comm'], cwd: ws, timeoutMs: 5000 });
    assert.doesNotMatch(ps.output, /\bsleep\b/, `the timed-out probe still runs in the sandbox:\n${ps.output}`);

    const missing = await app.run({ argv: ['no-such-program-here'], cwd: ws, timeoutMs: 5000 });
    assert.match(missing.spawnError ?? '', /command not found: no-such-program-here/);

    const run = await app.stop();
    assert.equal(run.sandboxed, true);
    assert.deepEqual([...bridges()].filter((n) => !before.has(n)), [], "the bridge's folder is removed");
    assert.equal(existsSync(join(ws, 'bridge.sock')), false);
  });
});
