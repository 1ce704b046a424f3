// The gateway's own logic with a scripted in-process adapter (no SDK, no HTTP): keys and
// configuration checked before any request, concurrency per provider, the retry/fallback policy,
// replays after a retry, cost when no price is known, and bugs that must not be swallowed.
import assert from 'node:assert/strict';
import { DEFAULT_ROLES } from '../../../src/core/config/defaults';
import type { RoleSettings } from '../../../src/core/config/schema';
import { AdapterFailure, type AdapterCall, type AdapterEvent, type ProviderAdapter } from '../../../src/core/providers/adapter';
import { envKeys } from '../../../src/core/providers/envKeys';
import type { Failure } from '../../../src/core/providers/errors';
import { Gateway, type GatewayEvent, type GatewayOptions } from '../../../src/core/providers/gateway';
import type { ChatRequest } from '../../../src/core/providers/types';
import { UsageLedger } from '../../../src/core/providers/usage';
import { collect, shownText } from './harness';

type Step = (call: AdapterCall) => AsyncGenerator<AdapterEvent>;

const REQUEST: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };
const USAGE = { input: 10, output: 5, cached: 0, cacheWrite: 0 };

function answer(text: string, usage: typeof USAGE | null = USAGE): Step {
  return async function* () {
    for (const piece of text.split(/(?<= )/)) yield { type: 'delta', text: piece };
    yield { type: 'done', stopReason: 'stop', providerStopReason: 'stop', usage };
  };
}

function fail(failure: Failure, after = ''): Step {
  return async function* () {
    if (after) yield { type: 'delta', text: after };
    throw new AdapterFailure(failure);
  };
}

/** An adapter that plays `steps` in order, one per request, and records each request. */
function scripted(id: ProviderAdapter['id'], steps: Step[]): ProviderAdapter & { calls: AdapterCall[] } {
  const calls: AdapterCall[] = [];
  return {
    id,
    calls,
    open(call) {
      calls.push(call);
      const step = steps.shift();
      if (!step) throw new Error('test: no step scripted');
      return step(call);
    },
    errorFacts: () => undefined,
  };
}

function gateway(ceo: RoleSettings, adapter: ProviderAdapter, extra: Partial<GatewayOptions> = {}) {
  const events: GatewayEvent[] = [];
  const delays: number[] = [];
  const gw = new Gateway({
    roles: { ...DEFAULT_ROLES, ceo },
    keys: envKeys({ ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k' }),
    adapters: { [adapter.id]: adapter },
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 5000 },
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { gw, events, delays };
}

const anthropic = (model = 'claude-a', fallbacks: RoleSettings['fallbacks'] = []): RoleSettings => ({ provider: 'anthropic', model, fallbacks });

describe('gateway', () => {
  it('refuses a missing key before any request, naming the provider, the role, the model and the variable', async () => {
    const adapter = scripted('anthropic', [answer('never')]);
    const { gw, events } = gateway(anthropic(), adapter, { keys: envKeys({}) });
    const r = await collect(gw.stream('ceo', REQUEST));
    assert.equal(r.error?.kind, 'missing_key');
    assert.match(r.error?.message ?? '', /No API key for Anthropic \(role ceo, model claude-a\): set the environment variable ANTHROPIC_API_KEY/);
    assert.equal(adapter.calls.length, 0);
    assert.ok(events.some((e) => e.type === 'failed' && e.kind === 'missing_key'));
  });

  it('checks the keys of the fallbacks too, before the first request', async () => {
    const adapter = scripted('anthropic', [answer('never')]);
    const ceo = anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b', apiKeyEnv: 'OTHER_KEY' }]);
    const r = await collect(gateway(ceo, adapter).gw.stream('ceo', REQUEST));
    assert.equal(r.error?.kind, 'missing_key');
    assert.match(r.error?.message ?? '', /OTHER_KEY/);
    assert.equal(adapter.calls.length, 0);
  });

  it('passes the key it found, and the role\'s apiKeyEnv wins over the usual variable', async () => {
    const adapter = scripted('anthropic', [answer('ok')]);
    const { gw } = gateway({ ...anthropic(), apiKeyEnv: 'MY_KEY' }, adapter, { keys: envKeys({ MY_KEY: 'mine', ANTHROPIC_API_KEY: 'usual' }) });
    assert.equal((await gw.complete('ceo', REQUEST)).text, 'ok');
    assert.equal(adapter.calls[0]?.apiKey, 'mine');
  });

  it('refuses vscode-lm outside VS Code, and openai-compatible without a base URL, before any request', async () => {
    const adapter = scripted('anthropic', []);
    const lm = await collect(gateway({ provider: 'vscode-lm', model: 'gpt-4o', fallbacks: [] }, adapter).gw.stream('ceo', REQUEST));
    assert.equal(lm.error?.kind, 'config');
    assert.match(lm.error?.message ?? '', /only exists inside VS Code/);
    const compat = scripted('openai-compatible', []);
    const nb = await collect(gateway({ provider: 'openai-compatible', model: 'kimi-k2', fallbacks: [] }, compat).gw.stream('ceo', REQUEST));
    assert.equal(nb.error?.kind, 'config');
    assert.match(nb.error?.message ?? '', /gives no baseUrl.*https:\/\/api\.moonshot\.ai\/v1/);
  });

  it('keeps at most maxConcurrent calls in flight per provider endpoint; others wait their turn', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: Step = async function* () {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      yield { type: 'done', stopReason: 'stop', providerStopReason: 'stop', usage: USAGE };
    };
    const adapter = scripted('anthropic', Array.from({ length: 7 }, () => slow));
    const { gw } = gateway(anthropic(), adapter, { providers: { maxConcurrent: 2 } });
    const records = await Promise.all(Array.from({ length: 7 }, () => gw.complete('ceo', REQUEST)));
    assert.equal(records.length, 7);
    assert.equal(most, 2);
  });

  it('a call cancelled while waiting for a slot ends at once, without a request', async () => {
    let release: () => void = () => undefined;
    const blocking: Step = async function* () {
      await new Promise<void>((r) => (release = r));
      yield { type: 'done', stopReason: 'stop', providerStopReason: 'stop', usage: USAGE };
    };
    const adapter = scripted('anthropic', [blocking]);
    const { gw } = gateway(anthropic(), adapter, { providers: { maxConcurrent: 1 } });
    const first = gw.complete('ceo', REQUEST);
    await new Promise((r) => setTimeout(r, 5));
    const run = new AbortController();
    const second = collect(gw.stream('ceo', REQUEST, { signal: run.signal }));
    run.abort();
    assert.equal((await second).error?.kind, 'cancelled');
    assert.equal(adapter.calls.length, 1);
    release();
    await first;
  });

  it('moves to the fallback at once when retry-after asks for longer than it will wait', async () => {
    const adapter = scripted('anthropic', [fail({ kind: 'rate_limit', status: 429, retryAfterMs: 3_600_000 }), answer('fallback')]);
    const { gw, delays, events } = gateway(anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b' }]), adapter);
    const r = await gw.complete('ceo', REQUEST);
    assert.equal(r.model, 'claude-b');
    assert.deepEqual(delays, []);
    assert.deepEqual(
      events.filter((e) => e.type !== 'call').map((e) => e.type),
      ['fallback'],
    );
  });

  it('never retries nor falls back on 400, 403 or 404', async () => {
    for (const status of [400, 403, 404]) {
      const kind = status === 400 ? 'bad_request' : status === 403 ? 'auth' : 'not_found';
      const adapter = scripted('anthropic', [fail({ kind, status }), answer('never')]);
      const r = await collect(gateway(anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b' }]), adapter).gw.stream('ceo', REQUEST));
      assert.equal(r.error?.status, status);
      assert.equal(adapter.calls.length, 1, `status ${status}`);
    }
  });

  it('when every model fails, the error says how many requests went to which models', async () => {
    const down = (): Step => fail({ kind: 'server', status: 503 });
    const adapter = scripted('anthropic', Array.from({ length: 6 }, down));
    const r = await collect(gateway(anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b' }]), adapter).gw.stream('ceo', REQUEST));
    assert.equal(r.error?.kind, 'server');
    assert.match(r.error?.message ?? '', /Gave up after 6 request\(s\) to anthropic:claude-a, then anthropic:claude-b\./);
  });

  it('a retried answer that differs from the text already streamed restarts the text', async () => {
    const adapter = scripted('anthropic', [fail({ kind: 'network' }, 'first try '), answer('second answer')]);
    const r = await collect(gateway(anthropic(), adapter).gw.stream('ceo', REQUEST));
    assert.deepEqual(r.events.map((e) => e.type), ['delta', 'restart', 'delta', 'delta', 'final']);
    assert.equal(shownText(r.events), 'second answer');
    assert.equal(r.record?.text, 'second answer');
  });

  it('an error nobody expected is a bug: it comes out as itself, unretried', async () => {
    const bug: Step = async function* () {
      yield { type: 'alive' };
      throw new RangeError('a bug in an adapter');
    };
    const adapter = scripted('anthropic', [bug, answer('never')]);
    await assert.rejects(gateway(anthropic(), adapter).gw.complete('ceo', REQUEST), RangeError);
    assert.equal(adapter.calls.length, 1);
  });

  it('an unknown model shows its tokens and "price unknown"; missing token counts are not priced', async () => {
    const adapter = scripted('anthropic', [answer('a')]);
    const { gw } = gateway(anthropic('claude-nobody-knows'), adapter, { budgetUsd: 1 });
    const priced = await gw.complete('ceo', REQUEST);
    assert.deepEqual(priced.cost, { usd: null, source: 'unknown' });
    assert.deepEqual(priced.usage, USAGE);
    const adapter2 = scripted('anthropic', [answer('b', null)]);
    const noUsage = await gateway(anthropic('claude-sonnet-4-5'), adapter2).gw.complete('ceo', REQUEST);
    assert.equal(noUsage.usageReported, false);
    assert.deepEqual(noUsage.cost, { usd: null, source: 'no-usage' });
    assert.equal(gw.ledger.total().unpriced, 1);
  });

  it('a resumed run counts what it spent before against the budget', async () => {
    const adapter = scripted('anthropic', [answer('never')]);
    const { gw } = gateway(anthropic(), adapter, { budgetUsd: 5, ledger: new UsageLedger(5.01) });
    const r = await collect(gw.stream('ceo', REQUEST));
    assert.equal(r.error?.kind, 'budget');
    assert.equal(adapter.calls.length, 0);
  });

  it('logs retries, fallbacks and answers through the log port', async () => {
    const lines: string[] = [];
    const adapter = scripted('anthropic', [fail({ kind: 'server', status: 500 }), answer('ok')]);
    const { gw } = gateway(anthropic(), adapter, { log: { log: (level, source, message) => lines.push(`${level} ${source} ${message}`) } });
    await gw.complete('ceo', REQUEST);
    assert.match(lines[0] ?? '', /^warn ceo Anthropic had a server error answering role ceo \(500; model claude-a\)\. Retrying in/);
    assert.match(lines[1] ?? '', /^info ceo anthropic:claude-a answered in .*10 tokens in, 5 out, price unknown\./);
  });
});
