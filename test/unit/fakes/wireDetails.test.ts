// Protocol details a provider layer relies on, beyond the common suite: exact usage fields, terminal
// events, error bodies, and connection handling.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { FakeLlm } from '../../fakes/fakeLlm';
import { isObject, type JsonValue } from '../../fakes/json';
import { json, postJson } from './rawHttp';
import { anthropicDriver, geminiDriver, ollamaDriver, openAiChatDriver } from './sdkDrivers';

const user = [{ role: 'user' as const, content: 'hi' }];

/** The `data:` payloads of an SSE body. */
function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .map((frame) => frame.split('\n').find((l) => l.startsWith('data: '))?.slice('data: '.length))
    .filter((d): d is string => d !== undefined);
}

function field(v: JsonValue | undefined, ...path: (string | number)[]): JsonValue | undefined {
  let cur = v;
  for (const key of path) cur = Array.isArray(cur) && typeof key === 'number' ? cur[key] : isObject(cur) && typeof key === 'string' ? cur[key] : undefined;
  return cur;
}

describe('fake LLM wire details', () => {
  const fake = new FakeLlm();
  before(() => fake.listen());
  afterEach(() => fake.reset());
  after(() => fake.close());

  it('anthropic: input_tokens leaves out cache reads and writes, streaming and not', async () => {
    const usage = { input: 200, output: 9, cached: 120, cacheWrite: 30 };
    fake.script({ text: 'x', usage }, { text: 'x', usage });
    const client = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
    const expected = { input_tokens: 50, cache_read_input_tokens: 120, cache_creation_input_tokens: 30, output_tokens: 9 };
    const plain = await client.messages.create({ model: 'm', max_tokens: 9, messages: user });
    const streamed = await client.messages.stream({ model: 'm', max_tokens: 9, messages: user }).finalMessage();
    for (const u of [plain.usage, streamed.usage]) {
      assert.deepEqual(
        { input_tokens: u.input_tokens, cache_read_input_tokens: u.cache_read_input_tokens, cache_creation_input_tokens: u.cache_creation_input_tokens, output_tokens: u.output_tokens },
        expected,
      );
    }
  });

  it('openai chat: a usage chunk only with stream_options.include_usage, then [DONE]', async () => {
    fake.script('a b', 'a b');
    const client = new OpenAI({ apiKey: 'k', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    const chunks = [];
    for await (const c of await client.chat.completions.create({ model: 'm', messages: user, stream: true })) chunks.push(c);
    assert.ok(chunks.every((c) => !c.usage));
    const raw = await postJson(`${fake.url}/v1/chat/completions`, { model: 'm', messages: user, stream: true, stream_options: { include_usage: true } });
    const data = sseData(raw.text);
    assert.equal(data.at(-1), '[DONE]');
    const last = JSON.parse(data.at(-2) ?? 'null') as JsonValue;
    assert.deepEqual(field(last, 'choices'), []);
    assert.equal(field(last, 'usage', 'prompt_tokens_details', 'cached_tokens'), 0);
  });

  it('openai responses: numbered typed events ending in response.completed', async () => {
    fake.script('a b');
    const client = new OpenAI({ apiKey: 'k', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    const events = [];
    for await (const e of await client.responses.create({ model: 'm', input: 'hi', stream: true })) events.push(e);
    assert.deepEqual(events.map((e) => e.sequence_number), events.map((_e, i) => i));
    assert.equal(events[0]?.type, 'response.created');
    assert.equal(events.at(-1)?.type, 'response.completed');
    assert.equal(events.filter((e) => e.type === 'response.output_text.delta').length, 2);
  });

  it('gemini: running usage totals, finishReason and cachedContentTokenCount on the last chunk only', async () => {
    fake.script({ text: 'a b c', usage: { input: 40, output: 6, cached: 32 } });
    const raw = await postJson(`${fake.url}/v1beta/models/g:streamGenerateContent?alt=sse`, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const chunks = sseData(raw.text).map((d) => JSON.parse(d) as JsonValue);
    assert.deepEqual(chunks.map((c) => field(c, 'usageMetadata', 'candidatesTokenCount')), [1, 2, 6]);
    assert.deepEqual(chunks.map((c) => field(c, 'candidates', 0, 'finishReason') ?? null), [null, null, 'STOP']);
    assert.equal(field(chunks.at(-1), 'usageMetadata', 'cachedContentTokenCount'), 32);
  });

  it('ollama: streams NDJSON unless stream is false', async () => {
    fake.script('a b', 'a b');
    const streamed = await postJson(`${fake.url}/api/chat`, { model: 'm', messages: user });
    assert.equal(streamed.headers.get('content-type'), 'application/x-ndjson');
    const lines = streamed.text.trim().split('\n').map((l) => JSON.parse(l) as JsonValue);
    assert.deepEqual(lines.map((l) => field(l, 'done')), [false, false, true]);
    const plain = await postJson(`${fake.url}/api/chat`, { model: 'm', messages: user, stream: false });
    assert.equal(field(json(plain), 'message', 'content'), 'a b');
  });

  it("answers errors in each provider's own body shape", async () => {
    const err = { status: 429, error: 'slow down' };
    fake.script(err, err, err, err);
    const bodies = await Promise.all(
      ['/v1/messages', '/v1/chat/completions', '/v1beta/models/g:generateContent', '/api/chat'].map(async (p) => json(await postJson(`${fake.url}${p}`, {}))),
    );
    assert.deepEqual(field(bodies[0], 'error'), { type: 'rate_limit_error', message: 'slow down' });
    assert.equal(field(bodies[1], 'error', 'code'), 'rate_limit_exceeded');
    assert.deepEqual(field(bodies[2], 'error'), { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' });
    assert.deepEqual(bodies[3], { error: 'slow down' });
  });

  it('treats a non-streaming answer as one frame: cutAfter 0 fails the call', async () => {
    fake.script({ text: 'x', cutAfter: 0 });
    await assert.rejects(anthropicDriver.complete(fake.url, 'hi'), (err: unknown) => anthropicDriver.status(err) === undefined);
  });

  it('delayMs spaces the frames', async () => {
    fake.script({ chunks: ['a', 'b', 'c'], delayMs: 20 });
    const stamps: number[] = [];
    // Measured from the request, not between frames: a busy client can read two frames at once, but
    // the last frame cannot arrive before the server waited twice (frames after the first are delayed).
    const asked = Date.now();
    await openAiChatDriver.stream(fake.url, 'hi', { onText: () => stamps.push(Date.now()) });
    assert.equal(stamps.length, 3);
    assert.ok((stamps[2] ?? 0) - asked >= 40, `the last frame came ${(stamps[2] ?? 0) - asked} ms after the request; with delayMs 20 it cannot come before 40`);
  });

  it('keeps keep-alive connections of genai and ollama usable after faults on other requests', async () => {
    fake.script('g1', 'o1', { destroy: true }, { text: 'a b', cutAfter: 1 }, 'g2', 'o2');
    assert.equal((await geminiDriver.complete(fake.url, 'hi')).text, 'g1');
    assert.equal((await ollamaDriver.complete(fake.url, 'hi')).text, 'o1');
    await assert.rejects(geminiDriver.complete(fake.url, 'hi'));
    await assert.rejects(ollamaDriver.stream(fake.url, 'hi'));
    assert.equal((await geminiDriver.complete(fake.url, 'hi')).text, 'g2');
    assert.equal((await ollamaDriver.complete(fake.url, 'hi')).text, 'o2');
  });

  it('close() frees hung and stalled connections at once', async () => {
    const other = new FakeLlm();
    await other.listen();
    other.script({ hang: true }, { text: 'a b', stallAfter: 1 });
    const hung = geminiDriver.complete(other.url, 'hi').catch((e: unknown) => e);
    const stalled = ollamaDriver.stream(other.url, 'hi').catch((e: unknown) => e);
    while (other.requests().length < 2) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 500);
    assert.ok((await hung) instanceof Error);
    assert.ok((await stalled) instanceof Error);
  });
});
