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

  describe('an unusable fallback never blocks a usable primary', () => {
    // The openai-compatible adapter is there, so what makes that fallback unusable is its missing baseUrl.
    const adapters = (a: ProviderAdapter): GatewayOptions['adapters'] => ({ anthropic: a, 'openai-compatible': scripted('openai-compatible', []) });
    const lines = (): { lines: string[]; log: GatewayOptions['log'] } => {
      const out: string[] = [];
      return { lines: out, log: { log: (level, source, message) => out.push(`${level} ${source} ${message}`) } };
    };
    // Each way a model can be unusable before any request: no key, no price under a budget, no baseUrl for openai-compatible.
    const unusable: ReadonlyArray<{ name: string; fallback: RoleSettings['fallbacks'][number]; says: RegExp; budgetUsd?: number }> = [
      { name: 'its key is missing', fallback: { provider: 'anthropic', model: 'claude-b', apiKeyEnv: 'OTHER_KEY' }, says: /No API key for Anthropic .*OTHER_KEY/ },
      { name: 'it has no price under a budget', fallback: { provider: 'anthropic', model: 'claude-nobody-knows' }, says: /claude-nobody-knows \(role ceo\) has no known price/, budgetUsd: 5 },
      { name: 'it is openai-compatible without a baseUrl', fallback: { provider: 'openai-compatible', model: 'kimi-k2' }, says: /gives no baseUrl/ },
    ];

    for (const u of unusable) {
      it(`the primary answers though its fallback cannot be used (${u.name}); nothing is said while the fallback is not needed`, async () => {
        const adapter = scripted('anthropic', [answer('from the primary')]);
        const log = lines();
        const prices = { 'claude-a': { input: 1, output: 1 } };
        const { gw, events } = gateway(anthropic('claude-a', [u.fallback]), adapter, { budgetUsd: u.budgetUsd, providers: { prices }, log: log.log, adapters: adapters(adapter) });
        const r = await collect(gw.stream('ceo', REQUEST));
        assert.equal(r.record?.text, 'from the primary', r.error?.message);
        assert.deepEqual(adapter.calls.map((c) => c.model), ['claude-a']);
        assert.deepEqual(events.filter((e) => e.type === 'skipped'), []);
      });

      it(`when the primary fails, the unusable fallback (${u.name}) is skipped with a warning, and the next one answers`, async () => {
        const adapter = scripted('anthropic', [fail({ kind: 'not_found', status: 404 }), answer('from claude-c')]);
        const log = lines();
        const prices = { 'claude-a': { input: 1, output: 1 }, 'claude-c': { input: 1, output: 1 } };
        const ceo = anthropic('claude-a', [u.fallback, { provider: 'anthropic', model: 'claude-c' }]);
        const { gw, events } = gateway(ceo, adapter, { budgetUsd: u.budgetUsd, providers: { prices }, log: log.log, adapters: adapters(adapter) });
        const r = await collect(gw.stream('ceo', REQUEST));
        assert.equal(r.record?.model, 'claude-c', r.error?.message);
        const skipped = events.filter((e) => e.type === 'skipped');
        assert.equal(skipped.length, 1, JSON.stringify(events));
        assert.ok(skipped[0]?.type === 'skipped' && skipped[0].target.model === u.fallback.model && u.says.test(skipped[0].reason), JSON.stringify(skipped));
        assert.ok(
          log.lines.some((l) => l.startsWith('warn ceo ') && l.includes(`${u.fallback.provider}:${u.fallback.model} (ceo's fallback 1) cannot be used`) && u.says.test(l)),
          log.lines.join('\n'),
        );
      });

      it(`when no model answers, the error names the unusable fallback (${u.name}) and why`, async () => {
        const adapter = scripted('anthropic', [fail({ kind: 'not_found', status: 404 })]);
        const prices = { 'claude-a': { input: 1, output: 1 } };
        const r = await collect(gateway(anthropic('claude-a', [u.fallback]), adapter, { budgetUsd: u.budgetUsd, providers: { prices }, adapters: adapters(adapter) }).gw.stream('ceo', REQUEST));
        assert.equal(r.error?.kind, 'not_found');
        assert.match(r.error?.message ?? '', /^No model of role ceo answered \(1 request\):\n- anthropic:claude-a, 1 request: /);
        assert.match(r.error?.message ?? '', new RegExp(`- ${u.fallback.provider}:${u.fallback.model}: not tried, it cannot be used: `));
        assert.match(r.error?.message ?? '', u.says);
      });
    }

    it('an unusable primary still fails the call before any request', async () => {
      const adapter = scripted('anthropic', [answer('never')]);
      const ceo: RoleSettings = { provider: 'anthropic', model: 'claude-a', apiKeyEnv: 'OTHER_KEY', fallbacks: [{ provider: 'anthropic', model: 'claude-b' }] };
      const r = await collect(gateway(ceo, adapter).gw.stream('ceo', REQUEST));
      assert.equal(r.error?.kind, 'missing_key');
      assert.match(r.error?.message ?? '', /OTHER_KEY/);
      assert.equal(adapter.calls.length, 0);
    });
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

  it('a 404 or 403 for one model moves on to the next fallback at once, without retries', async () => {
    for (const [status, kind] of [[404, 'not_found'], [403, 'auth']] as const) {
      const adapter = scripted('anthropic', [fail({ kind, status }), answer('from b')]);
      const { gw, delays, events } = gateway(anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b' }]), adapter);
      const r = await collect(gw.stream('ceo', REQUEST));
      assert.equal(r.record?.model, 'claude-b', `status ${status}: ${r.error?.message}`);
      assert.equal(r.record?.attempts, 2);
      assert.deepEqual(adapter.calls.map((c) => c.model), ['claude-a', 'claude-b']);
      assert.deepEqual(delays, [], 'no retry of a model that is not there or not allowed');
      const fallback = events.find((e) => e.type === 'fallback');
      assert.ok(fallback?.type === 'fallback' && fallback.to.model === 'claude-b' && fallback.reason.includes(`${status}`), JSON.stringify(events));
    }
  });

  it('a 400 fails at once: the request itself is at fault, and another model would refuse it too', async () => {
    const adapter = scripted('anthropic', [fail({ kind: 'bad_request', status: 400 }), answer('never')]);
    const r = await collect(gateway(anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b' }]), adapter).gw.stream('ceo', REQUEST));
    assert.equal(r.error?.status, 400);
    assert.equal(adapter.calls.length, 1);
  });

  it('a 401 skips the fallbacks that would send the same key to the same endpoint, and tries one on another account', async () => {
    const a = scripted('anthropic', [fail({ kind: 'auth', status: 401 }), answer('never: same key, same endpoint'), answer('from claude-c')]);
    const o = scripted('openai', [answer('from gpt-x')]);
    const ceo = anthropic('claude-a', [
      { provider: 'anthropic', model: 'claude-b' },
      { provider: 'openai', model: 'gpt-x' },
    ]);
    const { gw } = gateway(ceo, a, { adapters: { anthropic: a, openai: o } });
    const r = await collect(gw.stream('ceo', REQUEST));
    assert.equal(r.record?.model, 'gpt-x', r.error?.message);
    assert.deepEqual(a.calls.map((c) => c.model), ['claude-a']);
    assert.equal(o.calls.length, 1);

    // Another key for the same provider is another account: it is tried.
    const b = scripted('anthropic', [fail({ kind: 'auth', status: 401 }), answer('from the other key')]);
    const other = anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b', apiKeyEnv: 'OTHER_KEY' }]);
    const keys = envKeys({ ANTHROPIC_API_KEY: 'k', OTHER_KEY: 'k2' });
    const r2 = await collect(gateway(other, b, { keys }).gw.stream('ceo', REQUEST));
    assert.equal(r2.record?.text, 'from the other key', r2.error?.message);
    assert.deepEqual(b.calls.map((c) => c.apiKey), ['k', 'k2']);
  });

  it('a 401 with no fallback on another account fails at once, saying to check the key and what was not tried', async () => {
    const adapter = scripted('anthropic', [fail({ kind: 'auth', status: 401, detail: 'invalid x-api-key' }), answer('never')]);
    const r = await collect(gateway(anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b' }]), adapter).gw.stream('ceo', REQUEST));
    assert.equal(r.error?.kind, 'auth');
    assert.equal(adapter.calls.length, 1);
    assert.match(r.error?.message ?? '', /Check the key: set the environment variable ANTHROPIC_API_KEY/);
    assert.match(r.error?.message ?? '', /anthropic:claude-b: not tried, it would send the same key to the same endpoint/);
  });

  it('when every model fails, the error lists each model tried, its requests and why it failed', async () => {
    const down = (): Step => fail({ kind: 'server', status: 503 });
    const adapter = scripted('anthropic', [fail({ kind: 'not_found', status: 404, detail: 'model: claude-a' }), down(), down(), down()]);
    const r = await collect(gateway(anthropic('claude-a', [{ provider: 'anthropic', model: 'claude-b' }]), adapter).gw.stream('ceo', REQUEST));
    assert.equal(r.error?.kind, 'server');
    const message = r.error?.message ?? '';
    assert.match(message, /^No model of role ceo answered \(4 requests\):\n/);
    assert.match(message, /anthropic:claude-a, 1 request: Anthropic does not know model "claude-a" for role ceo \(404; model claude-a\)/);
    assert.match(message, /anthropic:claude-b, 3 requests: Anthropic had a server error answering role ceo \(503; model claude-b\)/);
  });

  it('one model that fails every retry says how many requests it took', async () => {
    const down = (): Step => fail({ kind: 'server', status: 503 });
    const r = await collect(gateway(anthropic(), scripted('anthropic', [down(), down(), down()])).gw.stream('ceo', REQUEST));
    assert.match(r.error?.message ?? '', /server error .*\(503; model claude-a\)\. Gave up after 3 request\(s\) to anthropic:claude-a\.$/);
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

  it('an unknown model shows its tokens and "price unknown" when there is no budget', async () => {
    for (const budgetUsd of [undefined, null]) {
      const adapter = scripted('anthropic', [answer('a')]);
      const { gw } = gateway(anthropic('claude-nobody-knows'), adapter, { budgetUsd });
      const priced = await gw.complete('ceo', REQUEST);
      assert.deepEqual(priced.cost, { usd: null, source: 'unknown' });
      assert.deepEqual(priced.usage, USAGE);
      assert.equal(gw.ledger.total().unpriced, 1);
    }
  });

  describe('a priced model whose server reports no token counts', () => {
    // 8000 characters sent, 4000 received: about 2000 tokens in and 1000 out at 4 characters a token.
    const LONG: ChatRequest = { system: 's'.repeat(1000), messages: [{ role: 'user', content: 'y'.repeat(7000) }] };
    const REPLY = 'x '.repeat(2000);
    const prices = { 'claude-a': { input: 1, output: 2 } };
    const estimatedUsd = (2000 * 1 + 1000 * 2) / 1e6;

    it('is charged an estimate from the characters sent and received, marked "estimated", never $0 or unpriced', async () => {
      const { gw } = gateway(anthropic(), scripted('anthropic', [answer(REPLY, null)]), { providers: { prices } });
      const r = await gw.complete('ceo', LONG);
      assert.equal(r.usageReported, false);
      assert.equal(r.cost.source, 'estimated');
      assert.ok(r.cost.usd !== null && Math.abs(r.cost.usd - estimatedUsd) < 1e-9, JSON.stringify(r.cost));
      assert.ok(r.cost.source === 'estimated' && r.cost.tokens.input === 2000 && r.cost.tokens.output === 1000, JSON.stringify(r.cost));
      const total = gw.ledger.total();
      assert.ok(Math.abs(total.usd - estimatedUsd) < 1e-9, `ledger ${total.usd}`);
      assert.equal(total.unpriced, 0);
      assert.equal(total.estimated, 1);
    });

    it('the estimate counts against the budget: the next call stops once it is reached', async () => {
      const adapter = scripted('anthropic', [answer(REPLY, null), answer('never')]);
      // The request asks for at most 10 tokens; this server ignores that and answers 1000.
      const { gw } = gateway(anthropic(), adapter, { budgetUsd: 0.003, providers: { prices } });
      assert.equal((await gw.complete('ceo', LONG, { maxTokens: 10 })).cost.source, 'estimated');
      const r = await collect(gw.stream('ceo', LONG, { maxTokens: 10 }));
      assert.equal(r.error?.kind, 'budget', r.error?.message);
      assert.equal(adapter.calls.length, 1);
    });

    it('a failed attempt that streamed text without token counts is charged an estimate too', async () => {
      const cut: Step = async function* () {
        yield { type: 'delta', text: REPLY };
        throw new AdapterFailure({ kind: 'truncated' });
      };
      const { gw, events } = gateway(anthropic(), scripted('anthropic', [cut, answer('done')]), { providers: { prices } });
      await gw.complete('ceo', LONG);
      const failed = events.find((e) => e.type === 'failedAttempt');
      assert.ok(failed?.type === 'failedAttempt' && failed.attempt.cost.source === 'estimated', JSON.stringify(events));
      assert.ok(Math.abs((failed.attempt.cost.usd ?? 0) - estimatedUsd) < 1e-9);
      assert.equal(gw.ledger.total().failedAttempts, 1);
    });

    it('a model without a price stays unpriced, and the call is still seen', async () => {
      const { gw } = gateway(anthropic('claude-nobody-knows'), scripted('anthropic', [answer(REPLY, null)]));
      const r = await gw.complete('ceo', LONG);
      assert.deepEqual(r.cost, { usd: null, source: 'unknown' });
      assert.equal(gw.ledger.total().unpriced, 1);
      assert.equal(gw.ledger.total().calls, 1);
    });

    it('the log says the cost is estimated', async () => {
      const lines: string[] = [];
      const { gw } = gateway(anthropic(), scripted('anthropic', [answer(REPLY, null)]), { providers: { prices }, log: { log: (_l, _s, m) => lines.push(m) } });
      await gw.complete('ceo', LONG);
      assert.match(lines.join('\n'), /usage not reported; estimated about 2000 tokens in, 1000 out, \$0\.0040 \(estimated\)/);
    });
  });

  it('with a budget, refuses a model of unknown price before any request, saying which setting gives one', async () => {
    for (const ceo of [anthropic('claude-nobody-knows'), anthropic('claude-nobody-knows', [{ provider: 'anthropic', model: 'claude-sonnet-4-6' }])]) {
      const adapter = scripted('anthropic', [answer('never')]);
      const { gw, events } = gateway(ceo, adapter, { budgetUsd: 5 });
      const r = await collect(gw.stream('ceo', REQUEST));
      assert.equal(r.error?.kind, 'config');
      assert.match(r.error?.message ?? '', /^anthropic:claude-nobody-knows \(role ceo\) has no known price, so the run budget \(limits\.budgetUsd, \$5\.00\)/);
      assert.match(r.error?.message ?? '', /"providers": \{ "prices": \{ "anthropic:claude-nobody-knows": \{ "input": /);
      assert.equal(adapter.calls.length, 0);
      assert.ok(events.some((e) => e.type === 'failed' && e.kind === 'config'));
    }
    const priced = scripted('anthropic', [answer('ok')]);
    const prices = { 'claude-nobody-knows': { input: 1, output: 1 } };
    const r = await gateway(anthropic('claude-nobody-knows'), priced, { budgetUsd: 5, providers: { prices } }).gw.complete('ceo', REQUEST);
    assert.equal(r.cost.source, 'settings');
  });

  it('charges the tokens a failed attempt reported, whatever ended it', async () => {
    const spent = { input: 400_000, output: 1000, cached: 0, cacheWrite: 0 };
    const reportedThen = (failure: Failure): Step =>
      async function* () {
        yield { type: 'usage', usage: spent };
        yield { type: 'delta', text: 'partial ' };
        throw new AdapterFailure(failure);
      };
    const prices = { 'claude-a': { input: 1, output: 1 } };
    const adapter = scripted('anthropic', [reportedThen({ kind: 'server', status: 500 }), reportedThen({ kind: 'truncated' }), answer('done')]);
    const { gw, events } = gateway(anthropic(), adapter, { budgetUsd: 5, providers: { prices } });
    const r = await gw.complete('ceo', REQUEST);
    assert.equal(r.text, 'done');
    const total = gw.ledger.total();
    assert.equal(total.calls, 1);
    assert.equal(total.failedAttempts, 2);
    assert.equal(total.input, 2 * spent.input + USAGE.input);
    assert.ok(Math.abs(total.usd - (2 * (spent.input + spent.output) + USAGE.input + USAGE.output) / 1e6) < 1e-12, `${total.usd}`);
    assert.deepEqual(
      events.filter((e) => e.type === 'failedAttempt').map((e) => (e.type === 'failedAttempt' ? e.attempt.failure : '')),
      ['server', 'truncated'],
    );
    assert.equal(gw.ledger.byRole().get('ceo')?.failedAttempts, 2);
  });

  it('the budget sees failed attempts at once: it stops the retry that would pass it', async () => {
    const spent = { input: 400_000, output: 1000, cached: 0, cacheWrite: 0 };
    const reportedThen: Step = async function* () {
      yield { type: 'usage', usage: spent };
      throw new AdapterFailure({ kind: 'server', status: 500 });
    };
    const prices = { 'claude-a': { input: 1, output: 1 } };
    const adapter = scripted('anthropic', [reportedThen, reportedThen, answer('never')]);
    const { gw } = gateway(anthropic(), adapter, { budgetUsd: 0.5, providers: { prices } });
    const r = await collect(gw.stream('ceo', REQUEST));
    assert.equal(r.error?.kind, 'budget', r.error?.message);
    assert.match(r.error?.message ?? '', /budget of \$0\.5000 is reached \(\$0\.8020 spent\)/);
    assert.equal(adapter.calls.length, 2);
  });

  describe('calls in flight reserve their estimate against the budget', () => {
    const prices = { 'claude-a': { input: 1, output: 1 } };
    // 'hi' is 1 token in; with at most 1000 out each call reserves (1 + 1000) tokens at $1 per million.
    const EACH = 1001 / 1e6;

    /** A step that answers only once `open` resolves, so calls stay in flight together. */
    function heldAnswer(gate: Promise<void>, text = 'ok'): Step {
      return async function* () {
        await gate;
        yield* answer(text)({} as AdapterCall);
      };
    }

    it('N parallel calls: only those whose reservations fit the budget go; the others are refused naming budget, spent and reserved', async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const adapter = scripted('anthropic', [heldAnswer(gate), heldAnswer(gate), heldAnswer(gate), heldAnswer(gate)]);
      const { gw } = gateway(anthropic(), adapter, { budgetUsd: 0.0025, providers: { prices } });
      const calls = [1, 2, 3, 4].map(() => collect(gw.stream('ceo', REQUEST, { maxTokens: 1000 })));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(adapter.calls.length, 2, 'two reservations fit $0.0025; the other two calls send nothing');
      open();
      const results = await Promise.all(calls);
      assert.equal(results.filter((r) => r.record).length, 2);
      const refused = results.filter((r) => r.error);
      assert.equal(refused.length, 2);
      for (const r of refused) {
        assert.equal(r.error?.kind, 'budget');
        assert.match(r.error?.message ?? '', /The run budget of \$0\.0025 could be passed by this call: \$0\.0000 spent and \$0\.0020 reserved for 2 calls in flight/);
        assert.match(r.error?.message ?? '', /this call to Anthropic \(claude-a\) for role ceo may cost up to \$0\.0010 \(about 1 token in, at most 1000 out\)/);
        assert.match(r.error?.message ?? '', /raise limits\.budgetUsd and resume the run/);
      }
      assert.equal(gw.ledger.total().calls, 2);
    });

    it('a reservation is released when its call ends, answered or failed, and the money left is used again', async () => {
      const adapter = scripted('anthropic', [answer('one'), fail({ kind: 'bad_request', status: 400 }), answer('three'), answer('four')]);
      const { gw } = gateway(anthropic(), adapter, { budgetUsd: 0.0015, providers: { prices } });
      // One reservation at a time fits; each call ends before the next starts.
      assert.equal((await gw.complete('ceo', REQUEST, { maxTokens: 1000 })).text, 'one');
      assert.equal((await collect(gw.stream('ceo', REQUEST, { maxTokens: 1000 }))).error?.status, 400);
      assert.equal((await gw.complete('ceo', REQUEST, { maxTokens: 1000 })).text, 'three');
      assert.equal((await gw.complete('ceo', REQUEST, { maxTokens: 1000 })).text, 'four');
      assert.equal(adapter.calls.length, 4);
    });

    it('a call that stops early (its consumer leaves) releases its reservation', async () => {
      const adapter = scripted('anthropic', [answer('one two three four'), answer('again')]);
      const { gw } = gateway(anthropic(), adapter, { budgetUsd: 0.0015, providers: { prices } });
      const call = gw.stream('ceo', REQUEST, { maxTokens: 1000 });
      await call.next();
      await call.return(undefined as never);
      assert.equal((await gw.complete('ceo', REQUEST, { maxTokens: 1000 })).text, 'again');
    });

    it('a call whose own estimate would pass what is left is refused before any request', async () => {
      const adapter = scripted('anthropic', [answer('never')]);
      const { gw } = gateway(anthropic(), adapter, { budgetUsd: 0.0015, providers: { prices } });
      const r = await collect(gw.stream('ceo', REQUEST, { maxTokens: 2000 }));
      assert.equal(r.error?.kind, 'budget');
      assert.match(r.error?.message ?? '', /\$0\.0000 spent and \$0\.0000 reserved for 0 calls in flight/);
      assert.equal(adapter.calls.length, 0);
      assert.ok(EACH < 0.0015);
    });

    it('a call without a token limit reserves 8192 output tokens', async () => {
      const fits = scripted('anthropic', [answer('ok')]);
      assert.equal((await gateway(anthropic(), fits, { budgetUsd: 8200 / 1e6, providers: { prices } }).gw.complete('ceo', REQUEST)).text, 'ok');
      const refused = scripted('anthropic', [answer('never')]);
      const r = await collect(gateway(anthropic(), refused, { budgetUsd: 8190 / 1e6, providers: { prices } }).gw.stream('ceo', REQUEST));
      assert.equal(r.error?.kind, 'budget');
      assert.match(r.error?.message ?? '', /at most 8192 out/);
    });

    it('without a budget nothing is reserved or refused', async () => {
      const adapter = scripted('anthropic', [answer('a'), answer('b')]);
      const { gw } = gateway(anthropic(), adapter, { budgetUsd: null, providers: { prices } });
      const both = await Promise.all([gw.complete('ceo', REQUEST, { maxTokens: 1e9 }), gw.complete('ceo', REQUEST, { maxTokens: 1e9 })]);
      assert.deepEqual(both.map((r) => r.text).sort(), ['a', 'b']);
    });
  });

  it('charges a cancelled attempt for what it reported before the cancel', async () => {
    const run = new AbortController();
    const cancelled: Step = async function* () {
      yield { type: 'usage', usage: USAGE };
      run.abort();
      yield { type: 'delta', text: 'never seen' };
    };
    const { gw } = gateway(anthropic(), scripted('anthropic', [cancelled]));
    const r = await collect(gw.stream('ceo', REQUEST, { signal: run.signal }));
    assert.equal(r.error?.kind, 'cancelled');
    assert.equal(gw.ledger.total().input, USAGE.input);
  });

  it('a resumed run counts what it spent before against the budget', async () => {
    const adapter = scripted('anthropic', [answer('never')]);
    const { gw } = gateway(anthropic('claude-sonnet-4-6'), adapter, { budgetUsd: 5, ledger: new UsageLedger(5.01) });
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
