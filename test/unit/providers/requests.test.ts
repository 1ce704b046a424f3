// What each adapter puts on the wire: the stable prefix first (and marked for Anthropic's cache),
// the key in the provider's header, the SDK's own retries off, usage asked for when streaming.
import assert from 'node:assert/strict';
import { FakeLlm } from '../../fakes/fakeLlm';
import type { JsonObject, JsonValue } from '../../fakes/json';
import type { ChatRequest } from '../../../src/core/providers/types';
import { CASES, collect, gatewayFor, type ProtocolCase } from './harness';

const REQUEST: ChatRequest = {
  system: 'SYSTEM RULES',
  messages: [
    { role: 'user', content: [{ text: 'STABLE BLUEPRINT', cache: true }, { text: 'DaC-Context: run=r role=ceo step=review expect=review task=-\nQUESTION' }] },
    { role: 'assistant', content: 'EARLIER ANSWER' },
    { role: 'user', content: 'FOLLOW-UP' },
  ],
};

function byName(name: string): ProtocolCase {
  const c = CASES.find((x) => x.name === name);
  assert.ok(c, name);
  return c;
}

function obj(v: JsonValue | undefined): JsonObject {
  assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), `expected an object, got ${JSON.stringify(v)}`);
  return v;
}

describe('what the adapters send', () => {
  const fake = new FakeLlm();
  before(() => fake.listen());
  afterEach(() => fake.reset());
  after(() => fake.close());

  async function send(name: string, options: { maxTokens?: number; temperature?: number } = {}): Promise<{ body: JsonObject; headers: Readonly<Record<string, string>>; path: string }> {
    fake.script('ok');
    const { gateway } = gatewayFor(byName(name), fake);
    const r = await collect(gateway.stream('ceo', REQUEST, options));
    assert.equal(r.error, undefined, r.error?.message);
    const [req] = fake.requests();
    assert.ok(req);
    return { body: obj(req.body), headers: req.headers, path: req.path };
  }

  it('anthropic: system first with cache_control, the marked stable part cached, the key sent, no SDK retries', async () => {
    const { body, headers } = await send('anthropic', { maxTokens: 123, temperature: 0.2 });
    assert.deepEqual(body['system'], [{ type: 'text', text: 'SYSTEM RULES', cache_control: { type: 'ephemeral' } }]);
    const messages = body['messages'];
    assert.ok(Array.isArray(messages));
    const first = obj(messages[0]);
    assert.deepEqual(first['content'], [
      { type: 'text', text: 'STABLE BLUEPRINT', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'DaC-Context: run=r role=ceo step=review expect=review task=-\nQUESTION' },
    ]);
    assert.deepEqual(messages.slice(1).map((m) => obj(m)['role']), ['assistant', 'user']);
    assert.equal(body['max_tokens'], 123);
    assert.equal(body['temperature'], 0.2);
    assert.equal(body['stream'], true);
    assert.equal(headers['authorization'], 'Bearer test-key');
    assert.equal(headers['x-stainless-retry-count'], '0');
  });

  it('openai chat: system message first, usage requested in the stream, max_completion_tokens', async () => {
    const { body, headers } = await send('openai chat', { maxTokens: 50 });
    const messages = body['messages'];
    assert.ok(Array.isArray(messages));
    assert.deepEqual(obj(messages[0]), { role: 'system', content: 'SYSTEM RULES' });
    assert.match(String(obj(messages[1])['content']), /^STABLE BLUEPRINT\n\nDaC-Context:/);
    assert.deepEqual(body['stream_options'], { include_usage: true });
    assert.equal(body['max_completion_tokens'], 50);
    assert.equal(headers['authorization'], 'Bearer test-key');
    assert.equal(headers['x-stainless-retry-count'], '0');
  });

  it('openai responses: instructions, the turns as input, nothing stored', async () => {
    const { body, path } = await send('openai responses', { maxTokens: 50 });
    assert.equal(path, '/v1/responses');
    assert.equal(body['instructions'], 'SYSTEM RULES');
    assert.equal(body['store'], false);
    assert.equal(body['max_output_tokens'], 50);
    const input = body['input'];
    assert.ok(Array.isArray(input));
    assert.deepEqual(input.map((m) => obj(m)['role']), ['user', 'assistant', 'user']);
  });

  it('openai-compatible: the chat protocol with max_tokens, and no key needed on this machine', async () => {
    const { body, headers, path } = await send('openai-compatible', { maxTokens: 50 });
    assert.equal(path, '/v1/chat/completions');
    assert.equal(body['max_tokens'], 50);
    assert.equal(body['max_completion_tokens'], undefined);
    assert.equal(headers['authorization'], 'Bearer no-key');
  });

  it('google: systemInstruction, user and model turns, the key in x-goog-api-key', async () => {
    const { body, headers, path } = await send('google', { maxTokens: 50 });
    assert.equal(path, '/v1beta/models/gemini-test-a:streamGenerateContent');
    const contents = body['contents'];
    assert.ok(Array.isArray(contents));
    assert.deepEqual(contents.map((m) => obj(m)['role']), ['user', 'model', 'user']);
    assert.match(JSON.stringify(body['systemInstruction']), /SYSTEM RULES/);
    assert.equal(obj(body['generationConfig'])['maxOutputTokens'], 50);
    assert.equal(headers['x-goog-api-key'], 'test-key');
  });

  it('ollama: a system message first, num_predict, no key', async () => {
    const { body, headers } = await send('ollama', { maxTokens: 50 });
    const messages = body['messages'];
    assert.ok(Array.isArray(messages));
    assert.deepEqual(obj(messages[0]), { role: 'system', content: 'SYSTEM RULES' });
    assert.equal(obj(body['options'])['num_predict'], 50);
    assert.equal(headers['authorization'], undefined);
  });
});
