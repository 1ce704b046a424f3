// The pure parts of the provider layer: retry timing, error classification, prices, replays.
import assert from 'node:assert/strict';
import { AdapterFailure } from '../../../src/core/providers/adapter';
import { classify, kindOfStatus } from '../../../src/core/providers/classify';
import { isRetryable, ProviderError } from '../../../src/core/providers/errors';
import { needsResponsesApi } from '../../../src/core/providers/openaiApi';
import { loadPriceDatabase, type PriceDatabase } from '../../../src/core/providers/priceDatabase';
import { costOf, lookupPrice, type PricedModel, type PriceTable } from '../../../src/core/providers/pricing';
import { ReplayFilter } from '../../../src/core/providers/replay';
import { backoffMs, DEFAULT_RETRY, retryAfterMs, sleep } from '../../../src/core/providers/retry';

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] });
const running = { cancelled: false, stalled: false };

describe('retry timing', () => {
  it('backs off exponentially with jitter, capped', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(backoffMs(1, policy, () => 1), 100);
    assert.equal(backoffMs(1, policy, () => 0), 50);
    assert.equal(backoffMs(3, policy, () => 1), 400);
    assert.equal(backoffMs(10, policy, () => 1), 1000);
  });

  it('reads retry-after-ms, retry-after in seconds, and retry-after as a date', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after-ms': '250' })), 250);
    assert.equal(retryAfterMs(headers({ 'retry-after': '2' })), 2000);
    assert.equal(retryAfterMs(headers({ 'retry-after': '0.5' })), 500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now), 3000);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterMs(undefined), undefined);
  });

  it('sleep ends early when the signal aborts', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, ac.signal);
    ac.abort();
    await assert.rejects(slept);
    assert.ok(Date.now() - started < 1000);
  });
});

describe('classifying failures', () => {
  it('retries 408, 409, 429 and 5xx; never 400, 401, 403, 404', () => {
    for (const s of [408, 409, 429, 500, 502, 503, 529]) assert.ok(isRetryable(kindOfStatus(s)), String(s));
    for (const s of [400, 401, 403, 404, 413, 422]) assert.ok(!isRetryable(kindOfStatus(s)), String(s));
    assert.equal(kindOfStatus(401), 'auth');
    assert.equal(kindOfStatus(403), 'auth');
    assert.equal(kindOfStatus(404), 'not_found');
    assert.equal(kindOfStatus(400), 'bad_request');
  });

  it('uses the status the SDK reports, and the retry-after it carried', () => {
    assert.deepEqual(classify(new Error('x'), { status: 429, headers: headers({ 'retry-after': '3' }), detail: 'slow' }, running), {
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 3000,
      detail: 'slow',
    });
  });

  it('recognises a broken connection by its cause code, whatever the error class is called', () => {
    const cut = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    assert.equal(classify(cut, undefined, running)?.kind, 'network');
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    assert.equal(classify(reset, undefined, running)?.kind, 'network');
  });

  it('a cancel or a stall decides over whatever the SDK threw afterwards', () => {
    assert.equal(classify(new Error('aborted'), { status: 500 }, { cancelled: true, stalled: false })?.kind, 'cancelled');
    assert.equal(classify(new Error('aborted'), undefined, { cancelled: false, stalled: true })?.kind, 'stalled');
  });

  it('an adapter failure is taken as it is; an unknown error is nobody\'s failure (a bug)', () => {
    assert.equal(classify(new AdapterFailure({ kind: 'bad_request', detail: 'blocked' }), undefined, running)?.kind, 'bad_request');
    assert.equal(classify(new RangeError('bug'), undefined, running), undefined);
    assert.equal(classify(new TypeError('x is not a function'), undefined, running), undefined);
  });

  it('explains a failure in one sentence naming provider, model and role', () => {
    const e = new ProviderError({ kind: 'auth', status: 401, detail: 'invalid x-api-key' }, { provider: 'anthropic', label: 'Anthropic', model: 'claude-sonnet-4-5', role: 'qc' });
    assert.equal(e.message, 'Anthropic rejected the key for role qc (401; model claude-sonnet-4-5): invalid x-api-key');
    assert.equal(e.retryable, false);
    const t = new ProviderError({ kind: 'timeout' }, { provider: 'openai-compatible', label: 'the OpenAI-compatible endpoint http://x', model: 'm', role: 'chat' });
    assert.match(t.message, /^The OpenAI-compatible endpoint http:\/\/x did not answer in time for role chat/);
  });
});

describe('prices', () => {
  let db: PriceDatabase;
  before(async () => {
    db = await loadPriceDatabase();
  });
  const price = (provider: PricedModel['provider'], model: string, baseUrl?: string, overrides: PriceTable = {}) =>
    lookupPrice({ provider, model, ...(baseUrl && { baseUrl }) }, overrides, db);
  const MILLION = { input: 1_000_000, output: 1_000_000, cached: 0, cacheWrite: 0 };
  const usdFor = (provider: PricedModel['provider'], model: string, baseUrl?: string) => costOf(MILLION, price(provider, model, baseUrl)).usd;

  it('come from the price database for the default models, dated snapshots under their family', () => {
    // List prices per million tokens, input + output.
    assert.equal(usdFor('anthropic', 'claude-sonnet-4-6'), 3 + 15);
    assert.equal(usdFor('anthropic', 'claude-sonnet-4-5-20250929'), usdFor('anthropic', 'claude-sonnet-4-5'));
    assert.equal(usdFor('openai', 'gpt-5'), 1.25 + 10);
    assert.equal(usdFor('openai', 'gpt-5-2025-08-07'), 1.25 + 10);
    assert.equal(usdFor('openai', 'o3'), 2 + 8);
    assert.equal(price('google', 'gemini-2.5-pro').source, 'table');
    for (const [provider, model] of [['anthropic', 'claude-next'], ['openai', 'gpt-test-a'], ['google', 'gemini-test']] as const) {
      assert.equal(price(provider, model).source, 'unknown', model);
    }
  });

  it('know OpenAI-compatible services by their base URL, never by the model name alone', () => {
    assert.equal(price('openai-compatible', 'kimi-k2-0905-preview', 'https://api.moonshot.ai/v1').source, 'table');
    assert.equal(price('openai-compatible', 'deepseek-chat', 'https://api.deepseek.com/v1').source, 'table');
    assert.equal(price('openai-compatible', 'moonshotai/kimi-k2', 'https://openrouter.ai/api/v1').source, 'table');
    assert.equal(price('openai-compatible', 'openai/gpt-5', 'https://openrouter.ai/api/v1').source, 'table');
    // The same name at an endpoint the database does not know: its price there is unknown.
    assert.equal(price('openai-compatible', 'kimi-k2-0905-preview', 'https://llm.internal.example/v1').source, 'unknown');
    assert.equal(price('openai-compatible', 'acme/unreleased-model', 'https://openrouter.ai/api/v1').source, 'unknown');
  });

  it('take settings first, by provider:model or model', () => {
    assert.equal(usdFor('openai', 'gpt-5'), 11.25);
    const own = price('openai', 'gpt-5', undefined, { 'openai:gpt-5': { input: 9, output: 9 } });
    assert.equal(own.source, 'settings');
    assert.equal(costOf(MILLION, own).usd, 18);
    assert.equal(price('openai', 'gpt-5', undefined, { 'gpt-5': { input: 8, output: 8 } }).source, 'settings');
    assert.equal(price('openai-compatible', 'acme-coder', 'http://127.0.0.1:4000/v1', { 'openai-compatible:acme-coder': { input: 1, output: 1 } }).source, 'settings');
    assert.equal(price('ollama', 'phi4', undefined).source, 'local');
    assert.equal(price('ollama', 'phi4', 'https://ollama.example.com').source, 'unknown');
  });

  it('only keyless local servers are free: an unknown endpoint on this machine may be a proxy to a paid API', () => {
    for (const local of ['http://localhost:1234/v1', 'http://127.0.0.1:1234/v1', 'http://localhost:8000/v1']) {
      assert.equal(price('openai-compatible', 'qwen3', local).source, 'local', local);
    }
    for (const proxy of ['http://127.0.0.1:4000/v1', 'http://localhost:8080/v1', 'http://[::1]:4000/v1', 'http://127.0.0.2:1234/v1']) {
      assert.equal(price('openai-compatible', 'claude-via-proxy', proxy).source, 'unknown', proxy);
    }
    assert.equal(price('ollama', 'phi4', 'http://127.0.0.1:11434').source, 'local');
    assert.equal(price('ollama', 'phi4', 'http://localhost:11434').source, 'local');
    // Ollama's cloud models run on Ollama's servers through the local one.
    assert.equal(price('ollama', 'gpt-oss:120b-cloud', 'http://127.0.0.1:11434').source, 'unknown');
    assert.equal(price('ollama', 'kimi-k2:1t-cloud', undefined).source, 'unknown');
  });

  it('price cached and cache-write tokens apart from fresh input, and never invent a cost', () => {
    const usage = { input: 1_000_000, output: 1_000_000, cached: 400_000, cacheWrite: 100_000 };
    assert.deepEqual(costOf(usage, { price: { input: 3, output: 15, cached: 0.3, cacheWrite: 3.75 }, source: 'settings' }), {
      usd: 0.5 * 3 + 0.4 * 0.3 + 0.1 * 3.75 + 15,
      source: 'settings',
    });
    assert.equal(costOf(usage, { price: { input: 1, output: 1 }, source: 'settings' }).usd, 2, 'no discount assumed when none is given');
    assert.deepEqual(costOf(usage, { source: 'unknown' }), { usd: null, source: 'unknown' });
    assert.deepEqual(costOf(usage, { source: 'local' }), { usd: 0, source: 'local' });
    // Counts the provider did not report: the price applied to an estimate, marked as such.
    assert.deepEqual(costOf(usage, { price: { input: 1, output: 1 }, source: 'settings' }, false), { usd: 2, source: 'estimated', tokens: usage });
    assert.deepEqual(costOf(usage, { source: 'unknown' }, false), { usd: null, source: 'unknown' });
    // The database's own discounts for cached tokens, and its tier for prompts over 200k tokens.
    const sonnet = price('anthropic', 'claude-sonnet-4-5');
    const small = { input: 100_000, output: 0, cached: 0, cacheWrite: 0 };
    assert.ok(Math.abs((costOf({ ...small, cached: 100_000 }, sonnet).usd ?? NaN) - 0.03) < 1e-9, 'cache reads at $0.30');
    assert.ok(Math.abs((costOf(small, sonnet).usd ?? NaN) - 0.3) < 1e-9, '$3 per million up to 200k');
    assert.ok((costOf({ ...small, input: 300_000 }, sonnet).usd ?? 0) > 0.9 + 1e-9, 'more per token past 200k');
  });
});

describe('the OpenAI API a model needs', () => {
  it('Responses for the models offered only there, Chat Completions for the rest', () => {
    for (const m of ['o3-pro', 'o1-pro-2025-03-19', 'gpt-5-pro', 'gpt-5-codex', 'codex-mini-latest']) assert.ok(needsResponsesApi(m), m);
    for (const m of ['gpt-5', 'o3', 'gpt-4.1', 'o4-mini', 'gpt-5-mini']) assert.ok(!needsResponsesApi(m), m);
  });
});

describe('replays after a retry', () => {
  it('do not repeat text the consumer already has, and pass on what is new', () => {
    const r = new ReplayFilter();
    r.startAttempt();
    assert.deepEqual(r.push('one '), [{ type: 'delta', text: 'one ' }]);
    r.startAttempt();
    assert.deepEqual(r.push('on'), []);
    assert.deepEqual(r.push('e tw'), [{ type: 'delta', text: 'tw' }]);
    assert.deepEqual(r.push('o'), [{ type: 'delta', text: 'o' }]);
    assert.deepEqual(r.finish(), []);
  });

  it('restart when the new attempt says something else, or less', () => {
    const r = new ReplayFilter();
    r.startAttempt();
    r.push('one two');
    r.startAttempt();
    assert.deepEqual(r.push('uno'), [{ type: 'restart', reason: 'the retried request answered differently' }, { type: 'delta', text: 'uno' }]);
    r.startAttempt();
    r.push('un');
    assert.deepEqual(r.finish(), [{ type: 'restart', reason: 'the retried request gave a shorter answer' }, { type: 'delta', text: 'un' }]);
  });
});
