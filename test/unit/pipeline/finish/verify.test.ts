import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Effects } from '../../../../src/core/pipeline/journal/effects';
import { verifyApp } from '../../../../src/core/pipeline/stages/finishStages';
import { blueprint, dac, harness, notes, reopen, type Harness, type Script } from './harness';

// A tiny real app: answers every request, dies on /crash (an unhandled throw, as real bugs do).
const SERVER = `const http = require('node:http');
const port = Number(process.env.PORT);
http.createServer((req, res) => {
  if (req.url === '/crash') throw new Error('boom: unhandled in /crash');
  res.setHeader('content-type', 'text/plain');
  res.end('hello ' + req.method + ' ' + req.url);
}).listen(port, '127.0.0.1', () => console.log('listening on ' + port));
`;
const BUILD = "require('node:fs').mkdirSync('dist', { recursive: true }); require('node:fs').writeFileSync('dist/built.txt', 'built!');\n";
const FILES = { 'server.js': SERVER, 'build.js': BUILD, 'test/server.test.js': '' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const plan = (probes: unknown[], extra = ''): string => dac({ kind: 'verify_plan', probes }, extra);
const report = (score: number, broken: unknown[] = []): string => dac({ kind: 'verify_report', score, broken });
const hello = { id: 'P1', kind: 'http', method: 'GET', path: '/hello', expect: '200 hello' };

describe('verify', function () {
  this.timeout(20_000);
  let h: Harness | undefined;
  let port = 0;
  beforeEach(async () => {
    port = await freePort();
  });
  afterEach(() => h?.close());

  const app = (script: Script, commands: Record<string, unknown> = {}): ReturnType<typeof blueprint> => {
    h = harness({ files: FILES, script, config: (c) => (c.limits.commandTimeoutS = 10) });
    return blueprint({ build: 'node build.js', start: 'node server.js', port, ...commands });
  };
  const appPid = (): number => {
    const stop = notes(h as Harness, 'verify.stop')[0];
    assert.ok(stop, 'the app was stopped and that was recorded');
    return stop.pid as number;
  };

  it('builds, waits for the port, runs the twin\'s probes, hands back what was observed, ships at thresholds.verify and stops the app', async () => {
    const { bp, doc } = app({
      verify_plan: [plan([hello, { id: 'P2', kind: 'command', argv: ['node', '-e', "process.stdout.write(require('fs').readFileSync('dist/built.txt', 'utf8'))"], expect: 'prints built!' }])],
      verify_report: [report(95)],
    });
    const r = await verifyApp((h as Harness).ctx, bp, doc);
    assert.deepEqual(r, { ok: true, score: 95 });
    const hh = h as Harness;
    assert.deepEqual(hh.asked.map((a) => `${a.role}:${a.step}`), ['twin:verify_plan', 'twin:verify_report']);
    assert.match(hh.asked[0].text, new RegExp(`listening on 127\\.0\\.0\\.1:${port}`));
    const observed = hh.asked[1].text;
    assert.match(observed, /### P1\nHTTP 200 after \d+ ms\.\ncontent-type: text\/plain\nBody:\n```\nhello GET \/hello\n```\nThe app was still running afterwards\./);
    assert.match(observed, /### P2\nExit code 0 after \d+ ms\.\nOutput:\n```\nbuilt!\n```/);
    const done = hh.journal.all().filter((e) => e.type === 'effect.done').map((e) => (e.type === 'effect.done' ? e.key : ''));
    for (const key of ['command:verify:build', 'command:verify:start', 'command:verify:probe:P1', 'command:verify:probe:P2']) assert.ok(done.includes(key), key);
    assert.equal(notes(hh, 'verify')[0].passed, true);
    assert.ok(gone(appPid()), 'the app process is gone');
  });

  it('a probe that crashes the app: seen by the engine, not shipped whatever the twin scores, later probes not run, the app stopped', async () => {
    const { bp, doc } = app({ verify_plan: [plan([{ ...hello, id: 'P1', path: '/crash', expect: 'no crash' }, { ...hello, id: 'P2' }])], verify_report: [report(95)] });
    const r = await verifyApp((h as Harness).ctx, bp, doc);
    const hh = h as Harness;
    assert.equal(r.ok, false);
    assert.match(r.reason ?? '', /the app stopped during probe P1 \(exit code 1\)/);
    const observed = hh.asked[1].text;
    assert.match(observed, /### P1\n[\s\S]*THE APP STOPPED during this probe \(exit code 1\)[\s\S]*boom: unhandled in \/crash/);
    assert.match(observed, /### P2\nNot run: not run: the app stopped during probe P1/);
    assert.equal(notes(hh, 'verify')[0].passed, false);
    assert.ok(gone(appPid()));
  });

  it('stops the app when the twin\'s plan cannot be used', async () => {
    const { bp, doc } = app({ verify_plan: ['no plan', 'still none', 'nothing'] });
    const r = await verifyApp((h as Harness).ctx, bp, doc);
    assert.equal(r.ok, false);
    assert.match(r.reason ?? '', /verify plan could not be used/);
    assert.ok(gone(appPid()));
  });

  it('stops the app when the run is cancelled during a probe', async () => {
    const { bp, doc } = app({ verify_plan: [plan([{ id: 'P1', kind: 'command', argv: ['node', '-e', 'setTimeout(() => {}, 20000)'], expect: 'hangs' }])], verify_report: [report(95)] });
    const hh = h as Harness;
    // Cancel once the probe is running.
    const poll = setInterval(() => {
      if (hh.journal.all().some((e) => e.type === 'effect.start' && e.key === 'command:verify:probe:P1')) {
        clearInterval(poll);
        setTimeout(() => hh.abort.abort(), 200);
      }
    }, 20);
    const began = Date.now();
    try {
      await assert.rejects(verifyApp(hh.ctx, bp, doc));
    } finally {
      clearInterval(poll);
    }
    assert.ok(Date.now() - began < 8000, 'the cancel stopped the probe, not its timeout');
    assert.ok(gone(appPid()));
    assert.ok(!hh.journal.all().some((e) => e.type === 'effect.done' && e.key === 'command:verify:probe:P1'), 'a probe cut by the cancel is not recorded as observed (a resume runs it again)');
  });

  it('cancel then resume: the probe the cancel cut is run again on a freshly started app, nothing answered is asked again', async () => {
    const slow = { id: 'P1', kind: 'command', argv: ['node', '-e', 'setTimeout(() => console.log("done"), 1500)'], expect: 'prints done' };
    const { bp, doc } = app({ verify_plan: [plan([hello, { ...slow, id: 'P2' }])] });
    const first = h as Harness;
    const poll = setInterval(() => {
      if (first.journal.all().some((e) => e.type === 'effect.start' && e.key === 'command:verify:probe:P2')) {
        clearInterval(poll);
        setTimeout(() => first.abort.abort(), 200);
      }
    }, 20);
    try {
      await assert.rejects(verifyApp(first.ctx, bp, doc));
    } finally {
      clearInterval(poll);
    }
    const firstPid = appPid();
    assert.ok(gone(firstPid));
    h = reopen(first, { verify_report: [report(92)] });
    const r = await verifyApp(h.ctx, bp, doc);
    assert.deepEqual(r, { ok: true, score: 92 });
    assert.deepEqual(h.asked.map((a) => a.step), ['verify_report'], 'the plan was not asked again');
    const p1Runs = h.journal.all().filter((e) => e.type === 'effect.start' && e.key === 'command:verify:probe:P1').length;
    assert.equal(p1Runs, 1, 'the finished probe was not run again');
    assert.match(h.asked[0].text, /### P2\nExit code 0 after \d+ ms\.\nOutput:\n```\ndone\n```/);
    const stops = notes(h, 'verify.stop');
    const second = stops[stops.length - 1].pid as number;
    assert.notEqual(second, firstPid, 'a new app process served the resumed probe');
    assert.ok(gone(second));
  });

  it('refuses and records SEARCH/REPLACE blocks in a twin reply; nothing is written', async () => {
    const block = 'server.js\n<<<<<<< SEARCH\n=======\nhacked\n>>>>>>> REPLACE\n\nnew.js\n<<<<<<< SEARCH\n=======\nx\n>>>>>>> REPLACE\n';
    const { bp, doc } = app({ verify_plan: [plan([hello], block)], verify_report: [report(93)] });
    const r = await verifyApp((h as Harness).ctx, bp, doc);
    const hh = h as Harness;
    assert.equal(r.ok, true);
    const [violation] = notes(hh, 'protocol_violation');
    assert.equal(violation.step, 'verify_plan');
    assert.equal(violation.refusedBlocks, 2);
    const server = await hh.ctx.workspace.read('server.js');
    assert.ok(server.kind === 'text' && server.text === SERVER);
    assert.equal((await hh.ctx.workspace.read('new.js')).kind, 'missing');
  });

  it('refuses HTTP probes to any other host, port or URL, and shell programs; records them and tells the twin', async () => {
    const { bp, doc } = app({
      verify_plan: [
        plan([
          { ...hello, id: 'H1', host: 'example.com' },
          { ...hello, id: 'H2', url: 'http://example.com/hello' },
          { ...hello, id: 'H3', path: '//example.com/hello' },
          { ...hello, id: 'H4', port: port + 1 },
          { id: 'C1', kind: 'command', argv: ['sh', '-c', 'echo hi'], expect: 'hi' },
          { ...hello, id: 'OK', url: `http://127.0.0.1:${port}/hello` },
        ]),
      ],
      verify_report: [report(91)],
    });
    await verifyApp((h as Harness).ctx, bp, doc);
    const hh = h as Harness;
    assert.deepEqual(notes(hh, 'verify.refused').map((n) => n.probe), ['H1', 'H2', 'H3', 'H4', 'C1']);
    const keys = hh.journal.all().filter((e) => e.type === 'effect.start').map((e) => (e.type === 'effect.start' ? e.key : ''));
    assert.ok(keys.includes('command:verify:probe:OK'));
    for (const id of ['H1', 'H2', 'H3', 'H4', 'C1']) assert.ok(!keys.includes(`command:verify:probe:${id}`), `${id} not run`);
    assert.match(hh.asked[1].text, /### H1\nRefused by the engine, not run: HTTP probes go only to the app on 127\.0\.0\.1/);
    assert.match(hh.asked[1].text, /### C1\nRefused by the engine, not run: commands run without a shell/);
    assert.match(hh.asked[1].text, /### OK\nHTTP 200/);
  });

  it('an app that never becomes ready fails verify before the twin is asked, with its output', async () => {
    h = harness({ files: { ...FILES, 'server.js': "console.error('cannot open db'); process.exit(2);\n" }, script: {} });
    const { bp, doc } = blueprint({ start: 'node server.js', port });
    const r = await verifyApp(h.ctx, bp, doc);
    assert.equal(r.ok, false);
    assert.match(r.reason ?? '', /did not become ready/);
    assert.equal(h.asked.length, 0);
    assert.match(String(notes(h, 'verify.start')[0].output), /cannot open db/);
  });

  it('a failing build fails verify with its output; the app is not started', async () => {
    h = harness({ files: { ...FILES, 'build.js': "console.error('syntax problem in src'); process.exit(1);\n" }, script: {} });
    const { bp, doc } = blueprint({ build: 'node build.js', start: 'node server.js', port });
    const r = await verifyApp(h.ctx, bp, doc);
    assert.equal(r.ok, false);
    assert.match(r.reason ?? '', /build command `node build\.js` failed \(exit code 1\):\nsyntax problem in src/);
    assert.equal(notes(h, 'verify.start').length, 0);
  });

  it('without a start command: command probes run, HTTP probes are refused, below target is not shipped', async () => {
    h = harness({ files: FILES, script: { verify_plan: [plan([{ id: 'C1', kind: 'command', argv: ['node', '-e', 'process.exit(3)'], expect: 'exit 0' }, hello])], verify_report: [report(40, [{ probe: 'C1', issue: 'exit 3' }])] } });
    const { bp, doc } = blueprint({});
    const r = await verifyApp(h.ctx, bp, doc);
    assert.deepEqual(r, { ok: false, score: 40, reason: 'C1: exit 3' });
    assert.match(h.asked[0].text, /No app is started/);
    assert.match(h.asked[1].text, /### C1\nExit code 3/);
    assert.match(String(notes(h, 'verify.refused')[0].why), /no started app/);
  });

  it('a resumed run reuses the recorded probes and answers: nothing is asked or run again', async () => {
    const { bp, doc } = app({ verify_plan: [plan([hello])], verify_report: [report(95)] });
    const hh = h as Harness;
    await verifyApp(hh.ctx, bp, doc);
    const starts = hh.journal.all().filter((e) => e.type === 'effect.start').length;
    const again = await verifyApp({ ...hh.ctx, effects: new Effects(hh.journal) }, bp, doc);
    assert.deepEqual(again, { ok: true, score: 95 });
    assert.equal(hh.asked.length, 2, 'no call asked again');
    assert.equal(hh.journal.all().filter((e) => e.type === 'effect.start').length, starts, 'no step started again');
  });
});
