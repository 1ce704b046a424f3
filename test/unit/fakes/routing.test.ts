// Scripted replies chosen by DaC-Context, the queue behind them, and the 500 when nothing is scripted.
import assert from 'node:assert/strict';
import { dacContextLine, type DacContextFields } from '../../fakes/dacContext';
import { FakeLlm } from '../../fakes/fakeLlm';
import { isObject } from '../../fakes/json';
import { json, postJson } from './rawHttp';
import { anthropicDriver, openAiChatDriver } from './sdkDrivers';

const ctx = (c: Partial<DacContextFields>): string =>
  `Do the step.\n${dacContextLine({ run: 'r1', role: 'qc', step: 'review', expect: 'review', ...c })}\n`;

describe('fake LLM routing', () => {
  const fake = new FakeLlm();
  before(() => fake.listen());
  afterEach(() => fake.reset());
  after(() => fake.close());

  const ask = async (prompt: string) => (await openAiChatDriver.complete(fake.url, prompt)).text;

  it('picks the reply by role, expect and task', async () => {
    fake.route(
      { match: { role: 'qc', expect: 'review', task: 'T2' }, reply: 'qc on T2' },
      { match: { role: 'qc', expect: 'review' }, reply: 'qc' },
      { match: { role: 'architect', step: 'security' }, reply: 'architect security' },
    );
    assert.equal(await ask(ctx({ task: 'T2' })), 'qc on T2');
    assert.equal(await ask(ctx({ task: 'T1' })), 'qc');
    assert.equal(await ask(ctx({ role: 'architect', step: 'security', task: 'T1' })), 'architect security');
    assert.equal(await ask(ctx({ task: 'T2' })), 'qc on T2', 'a single reply answers every time');
  });

  it('uses a list of replies in order: the repair=1 request gets the second', async () => {
    fake.route({ match: { role: 'qc', expect: 'review' }, replies: ['no dac block here', '```dac\n{"dac":1}\n```'] });
    assert.equal(await ask(ctx({})), 'no dac block here');
    assert.equal(await ask(ctx({ repair: 1 })), '```dac\n{"dac":1}\n```');
    assert.deepEqual(fake.requests().map((r) => r.dac?.repair), [0, 1]);
    await assert.rejects(ask(ctx({ repair: 2 })), (err: unknown) => openAiChatDriver.status(err) === 500, 'the list is used up');
  });

  it('can match on repair alone', async () => {
    fake.route({ match: { repair: 1 }, reply: 'repaired' }, { match: { role: 'qc' }, reply: 'first try' });
    assert.equal(await ask(ctx({})), 'first try');
    assert.equal(await ask(ctx({ repair: 1 })), 'repaired');
  });

  it('prefers routes to the queue, and times caps a route', async () => {
    fake.script('queued 1', 'queued 2');
    fake.route({ match: { role: 'twin' }, reply: 'twin', times: 1 });
    assert.equal(await ask(ctx({ role: 'twin' })), 'twin');
    assert.equal(await ask(ctx({ role: 'twin' })), 'queued 1');
    assert.equal(await ask('no context line'), 'queued 2');
    assert.deepEqual(fake.requests().map((r) => r.answeredBy), ['route', 'queue', 'queue']);
  });

  it('answers an unscripted request with a 500 that names its DaC-Context and says not to retry', async () => {
    const prompt = ctx({ role: 'ceo', step: 'blueprint', expect: 'blueprint' });
    const answer = await postJson(`${fake.url}/v1/chat/completions`, { model: 'm', messages: [{ role: 'user', content: prompt }] });
    assert.equal(answer.status, 500);
    assert.equal(answer.headers.get('x-should-retry'), 'false');
    assert.match(answer.text, /no scripted reply for \\"DaC-Context: run=r1 role=ceo step=blueprint expect=blueprint task=-\\"/);
    await assert.rejects(anthropicDriver.complete(fake.url, 'no line'), (err: unknown) => {
      assert.equal(anthropicDriver.status(err), 500);
      assert.match(String(err), /no scripted reply for a request without a DaC-Context line/);
      return true;
    });
    assert.equal(fake.requests()[0]?.answeredBy, 'unscripted');
  });

  it("finds the line in each protocol's own request shape, first user message only", async () => {
    const line = (role: string) => dacContextLine({ run: 'r9', role, step: 'review', expect: 'review' });
    const decoy = line('decoy');
    const calls: [string, unknown][] = [
      ['/v1/messages', { model: 'm', max_tokens: 9, system: decoy, messages: [
        { role: 'user', content: [{ type: 'text', text: 'Blueprint:' }, { type: 'text', text: line('anthropic') }] },
        { role: 'assistant', content: 'ok' }, { role: 'user', content: decoy }] }],
      ['/v1/chat/completions', { model: 'm', messages: [
        { role: 'system', content: decoy }, { role: 'user', content: [{ type: 'text', text: line('chat') }] }, { role: 'user', content: decoy }] }],
      ['/v1/responses', { model: 'm', instructions: decoy, input: [
        { type: 'message', role: 'developer', content: decoy },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: line('responses') }] }] }],
      ['/v1/responses', { model: 'm', input: `Go.\n${line('responses-string')}` }],
      ['/v1beta/models/gemini-x:generateContent', { systemInstruction: { parts: [{ text: decoy }] }, contents: [
        { role: 'user', parts: [{ text: 'Go.' }, { text: line('gemini') }] }, { role: 'user', parts: [{ text: decoy }] }] }],
      ['/api/chat', { model: 'm', stream: false, messages: [{ role: 'system', content: decoy }, { role: 'user', content: line('ollama') }] }],
    ];
    fake.route({ match: { run: 'r9' }, reply: 'ok' });
    for (const [path, body] of calls) assert.equal((await postJson(`${fake.url}${path}`, body)).status, 200, path);
    const roles = fake.requests().map((r) => r.dac?.role);
    assert.deepEqual(roles, ['anthropic', 'chat', 'responses', 'responses-string', 'gemini', 'ollama']);
  });

  it('records requests to unknown paths as no-protocol and answers 404', async () => {
    const answer = await postJson(`${fake.url}/v2/whatever`, {});
    assert.equal(answer.status, 404);
    const body = json(answer);
    assert.ok(isObject(body) && typeof body['error'] === 'string' && body['error'].includes('/v2/whatever'));
    assert.equal(fake.requests()[0]?.answeredBy, 'no-protocol');
  });
});
