// Driving the fake over HTTP, as a CLI test in another process must, and the standalone entry.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { dacContextLine } from '../../fakes/dacContext';
import { FakeLlm } from '../../fakes/fakeLlm';
import { isObject } from '../../fakes/json';
import { RemoteFakeLlm } from '../../fakes/remote';
import { json, postJson } from './rawHttp';
import { geminiDriver, openAiChatDriver } from './sdkDrivers';

const line = dacContextLine({ run: 'r1', role: 'twin', step: 'gate', expect: 'decision' });

describe('fake LLM control endpoints', () => {
  const fake = new FakeLlm();
  let remote: RemoteFakeLlm;
  before(async () => (remote = new RemoteFakeLlm(await fake.listen())));
  afterEach(() => fake.reset());
  after(() => fake.close());

  it('scripts replies and routes over HTTP', async () => {
    await remote.script('queued', { text: 'second', usage: { input: 3, output: 2 } });
    await remote.route({ match: { role: 'twin', expect: 'decision' }, replies: ['ACCEPT'] });
    assert.equal((await openAiChatDriver.complete(fake.url, `Decide.\n${line}`)).text, 'ACCEPT');
    assert.equal((await openAiChatDriver.complete(fake.url, 'plain')).text, 'queued');
    assert.deepEqual(await openAiChatDriver.complete(fake.url, 'plain'), { text: 'second', usage: { input: 3, output: 2, cached: 0 } });
  });

  it('lists recorded requests with method, path, query, headers, body, protocol and DaC-Context', async () => {
    await remote.script('a');
    await geminiDriver.stream(fake.url, `Check.\n${line}`);
    const [req, ...rest] = await remote.requests();
    assert.equal(rest.length, 0);
    assert.equal(req?.method, 'POST');
    assert.equal(req?.path, '/v1beta/models/gemini-x:streamGenerateContent');
    assert.equal(req?.query['alt'], 'sse');
    assert.equal(req?.headers['x-goog-api-key'], 'k');
    assert.equal(req?.protocol, 'gemini');
    assert.equal(req?.stream, true);
    assert.equal(req?.dac?.role, 'twin');
    assert.ok(isObject(req?.body) && Array.isArray(req.body['contents']));
  });

  it('reset forgets script, routes and requests', async () => {
    await remote.script('never used');
    await remote.route({ match: { role: 'twin' }, reply: 'never used' });
    await remote.reset();
    assert.deepEqual(await remote.requests(), []);
    await assert.rejects(openAiChatDriver.complete(fake.url, `x\n${line}`), (err: unknown) => openAiChatDriver.status(err) === 500);
  });

  it('refuses a malformed script with a 400 that names the field', async () => {
    const typo = await postJson(`${fake.url}/__fake/script`, [{ text: 'x', cutafter: 1 }]);
    assert.equal(typo.status, 400);
    assert.match(typo.text, /replies\[0\]: unknown field\(s\) cutafter/);
    const badRoute = await postJson(`${fake.url}/__fake/route`, { match: { role: 'qc' } });
    assert.equal(badRoute.status, 400);
    assert.match(badRoute.text, /exactly one of reply, replies/);
    const badType = await postJson(`${fake.url}/__fake/route`, { match: { repair: '1' }, reply: 'x' });
    assert.match(badType.text, /routes\[0\]\.match\.repair: expected a number/);
    const unknown = await postJson(`${fake.url}/__fake/nothing`, {});
    assert.equal(unknown.status, 404);
    assert.ok(isObject(json(unknown)));
    assert.deepEqual(fake.requests(), [], 'control calls are not model requests');
  });
});

describe('fake LLM standalone entry (serve.js)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    child = undefined;
  });

  it('prints its URL and is driven over HTTP', async () => {
    child = spawn(process.execPath, [path.join(__dirname, '../../fakes/serve.js'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    assert.ok(child.stdout);
    const lines = createInterface({ input: child.stdout });
    const [url] = (await once(lines, 'line')) as [string];
    lines.close();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const remote = new RemoteFakeLlm(url);
    await remote.script('from another process');
    assert.equal((await openAiChatDriver.complete(remote.url, 'hi')).text, 'from another process');
    assert.equal((await remote.requests()).length, 1);
  });
});
