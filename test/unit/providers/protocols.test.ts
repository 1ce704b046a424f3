// Every provider adapter through its real SDK against the fake server, via the gateway: text,
// usage, the retry layer (counted in requests the server saw), the watchdog, early ends,
// cancellation, fallback and the budget.
import assert from 'node:assert/strict';
import { dacContextLine } from '../../fakes/dacContext';
import { FakeLlm } from '../../fakes/fakeLlm';
import { preambleFrames, type ProtocolName } from '../../fakes/protocols';
import type { ChatRequest } from '../../../src/core/providers/types';
import { CASES, collect, gatewayFor, shownText } from './harness';

const DAC = dacContextLine({ run: 'r1', role: 'ceo', step: 'blueprint', expect: 'blueprint' });
const REQUEST: ChatRequest = {
  system: 'You are the ceo of a software factory.',
  messages: [{ role: 'user', content: [{ text: 'Rules and blueprint: stable across calls.', cache: true }, { text: `${DAC}\nWrite the blueprint.` }] }],
};
const USAGE = { input: 200, output: 9, cached: 120, cacheWrite: 30 };

/**
 * Protocols that report token counts before their end, so an attempt that breaks later has counts to
 * keep: the frames that carry them (for a 3-chunk answer) and the output tokens reported by then.
 * OpenAI Responses and Ollama report counts only in their terminal event.
 */
const COUNTS_BEFORE_END: Partial<Record<ProtocolName, { readonly frames: number; readonly output: (total: number) => number }>> = {
  anthropic: { frames: 1, output: () => 1 }, // message_start: the prompt, and 1 output token
  'openai-chat': { frames: 6, output: (total) => total }, // role, 3 chunks, finish, usage; [DONE] never comes
  gemini: { frames: 1, output: () => 1 }, // running totals on every chunk
};

/** Streams that can end cleanly without their end marker after the counts were sent. */
const ENDS_EARLY_WITH_COUNTS: Partial<Record<ProtocolName, number>> = {
  anthropic: 3 + 3 + 2, // message_delta has the totals; message_stop never comes
  gemini: 2, // the last chunk, with finishReason, never comes
};

describe('providers through their real SDKs, against the fake', () => {
  const fake = new FakeLlm();
  before(() => fake.listen());
  afterEach(() => fake.reset());
  after(() => fake.close());

  for (const c of CASES) {
    describe(c.name, () => {
      const pre = preambleFrames(c.protocol);
      const [modelA, modelB] = c.models;

      it('answers without streaming: one delta, then the final record', async () => {
        fake.script('Hello, wörld!');
        const { gateway } = gatewayFor(c, fake);
        const r = await collect(gateway.stream('ceo', REQUEST, { stream: false }));
        assert.equal(r.error, undefined, r.error?.message);
        assert.deepEqual(r.events.map((e) => e.type), ['delta', 'final']);
        assert.equal(r.record?.text, 'Hello, wörld!');
        assert.equal(r.record?.stopReason, 'stop');
        assert.equal(r.record?.provider, c.provider);
        assert.equal(r.record?.model, modelA);
        const [req] = fake.requests();
        assert.equal(req?.protocol, c.protocol);
        assert.equal(req?.stream, false);
        assert.equal(req?.dac?.role, 'ceo', 'the DaC-Context line is in the first user message');
      });

      it('streams text delta by delta, then exactly one final record', async () => {
        const chunks = ['Hel', 'lo, ', 'wörld', '!\n```dac\n{}\n```'];
        fake.script({ chunks });
        const { gateway } = gatewayFor(c, fake);
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.deepEqual(r.events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : '')), chunks);
        assert.equal(r.events.filter((e) => e.type === 'final').length, 1);
        assert.equal(r.events[r.events.length - 1]?.type, 'final');
        assert.equal(r.record?.text, chunks.join(''));
        assert.equal(r.record?.attempts, 1);
        assert.ok((r.record?.latencyMs ?? -1) >= 0);
        assert.equal(fake.requests()[0]?.stream, true);
      });

      it('reports usage, cached tokens included where the protocol has them, and prices them', async () => {
        fake.script({ text: 'a b', usage: USAGE }, { text: 'a b', usage: USAGE });
        const price = { input: 1, output: 10, cached: 0.1, cacheWrite: 2 };
        const { gateway } = gatewayFor(c, fake, { providers: { prices: { [modelA]: price } } });
        const expected = { input: 200, output: 9, cached: c.reportsCached ? 120 : 0, cacheWrite: c.reportsCacheWrite ? 30 : 0 };
        const fresh = expected.input - expected.cached - expected.cacheWrite;
        const usd = (fresh * price.input + expected.cached * price.cached + expected.cacheWrite * price.cacheWrite + expected.output * price.output) / 1e6;
        for (const stream of [false, true]) {
          const r = await collect(gateway.stream('ceo', REQUEST, { stream }));
          assert.deepEqual(r.record?.usage, expected, `stream: ${stream}`);
          assert.equal(r.record?.usageReported, true);
          assert.equal(r.record?.cost.source, 'settings');
          assert.ok(Math.abs((r.record?.cost.usd ?? NaN) - usd) < 1e-12, `cost ${r.record?.cost.usd} vs ${usd}`);
        }
        const total = gateway.ledger.total();
        assert.equal(total.calls, 2);
        assert.equal(total.input, 400);
        assert.equal(gateway.ledger.byRole().get('ceo')?.output, 18);
      });

      it('retries a 429 once, after the retry-after the provider asked for', async () => {
        fake.script({ status: 429, headers: { 'retry-after': '2' }, error: 'slow down' }, 'ok');
        const { gateway, delays, events } = gatewayFor(c, fake);
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.record?.text, 'ok');
        assert.equal(fake.requests().length, 2, 'one retry layer: the SDK did not retry on its own');
        assert.equal(r.record?.attempts, 2);
        assert.equal(delays.length, 1);
        if (c.errorHeaders) assert.equal(delays[0], 2000);
        else assert.ok((delays[0] ?? -1) >= 0 && (delays[0] ?? 99) <= 4, 'backoff when the SDK hides the headers');
        const retry = events.find((e) => e.type === 'retry');
        assert.ok(retry && retry.type === 'retry' && retry.kind === 'rate_limit' && retry.status === 429);
      });

      it('retries two 500s, then succeeds', async () => {
        fake.script({ status: 500, error: 'boom' }, { status: 500, error: 'boom' }, 'third time');
        const { gateway, delays } = gatewayFor(c, fake);
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.record?.text, 'third time');
        assert.equal(fake.requests().length, 3);
        assert.equal(delays.length, 2);
      });

      it('fails a 401 at once, with the explanation, even with a fallback configured', async () => {
        fake.script({ status: 401, error: 'invalid api key' });
        const { gateway, delays } = gatewayFor(c, fake, { fallback: true });
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.error?.kind, 'auth');
        assert.equal(r.error?.status, 401);
        assert.match(r.error?.message ?? '', /rejected the key for role ceo \(401; model /);
        assert.match(r.error?.message ?? '', /invalid api key/);
        assert.equal(fake.requests().length, 1);
        assert.deepEqual(delays, []);
      });

      it('retries when the socket is cut mid-stream, without repeating the text already streamed', async () => {
        fake.script({ text: 'one two three', cutAfter: pre + 1 }, { text: 'one two three' });
        const { gateway, events } = gatewayFor(c, fake);
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.record?.text, 'one two three');
        assert.equal(shownText(r.events), 'one two three');
        assert.equal(r.events.filter((e) => e.type === 'restart').length, 0);
        assert.equal(fake.requests().length, 2);
        const retry = events.find((e) => e.type === 'retry');
        assert.ok(retry?.type === 'retry' && retry.kind === 'network', JSON.stringify(events));
      });

      it('ends a stream that stalls after the headers with the idle watchdog, then retries', async () => {
        fake.script({ text: 'one two three', stallAfter: pre + 1 }, { text: 'one two three' });
        const { gateway, events } = gatewayFor(c, fake, { providers: { idleTimeoutS: 0.2 } });
        const started = Date.now();
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.record?.text, 'one two three');
        const retry = events.find((e) => e.type === 'retry');
        assert.ok(retry?.type === 'retry' && retry.kind === 'stalled', JSON.stringify(events));
        assert.equal(fake.requests().length, 2);
        assert.ok(Date.now() - started < 2000);
      });

      it('ends a request that gets no answer at all (not even headers) with the same watchdog', async () => {
        fake.script({ hang: true }, 'answered');
        const { gateway, events } = gatewayFor(c, fake, { providers: { idleTimeoutS: 0.2 } });
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.record?.text, 'answered');
        assert.ok(events[0]?.type === 'retry' && events[0].kind === 'stalled');
        assert.match(events[0].message, /nothing arrived for 0\.2 s/);
      });

      it('treats a clean end without the terminal event as a failure, not a short answer', async () => {
        const early = { text: 'one two three', endAfter: pre + 2 };
        fake.script(early, early, early);
        const { gateway } = gatewayFor(c, fake);
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.record, undefined);
        assert.equal(r.error?.kind, 'truncated');
        assert.match(r.error?.message ?? '', /ended before its end marker/);
        assert.match(r.error?.message ?? '', /Gave up after 3 request\(s\)/);
        assert.equal(fake.requests().length, 3);
      });

      it('stops an in-flight call within a second of cancelling the run', async () => {
        fake.script({ chunks: Array.from({ length: 30 }, (_, i) => `w${i} `), delayMs: 100 });
        const { gateway } = gatewayFor(c, fake, { providers: { idleTimeoutS: 5 } });
        const run = new AbortController();
        let cancelledAt = 0;
        const r = await collect(gateway.stream('ceo', REQUEST, { signal: run.signal }), (e) => {
          if (e.type === 'delta' && !cancelledAt) {
            cancelledAt = Date.now();
            run.abort();
          }
        });
        assert.ok(cancelledAt > 0, 'a delta arrived before the cancel');
        assert.ok(Date.now() - cancelledAt < 1000, `stopped after ${Date.now() - cancelledAt} ms`);
        assert.equal(r.error?.kind, 'cancelled');
        assert.equal(fake.requests().length, 1, 'a cancelled call is not retried');
      });

      it('falls back to the next model once the first has used up its retries, and says so', async () => {
        fake.script({ status: 500 }, { status: 503 }, { status: 500 }, 'from the fallback');
        const { gateway, events } = gatewayFor(c, fake, { fallback: true });
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.record?.text, 'from the fallback');
        assert.equal(r.record?.model, modelB);
        assert.equal(r.record?.attempts, 4);
        const reqs = fake.requests();
        assert.equal(reqs.length, 4);
        const named = (i: number) => `${reqs[i]?.path} ${JSON.stringify(reqs[i]?.body)}`;
        assert.ok(named(2).includes(modelA) && named(3).includes(modelB));
        const fallback = events.find((e) => e.type === 'fallback');
        assert.ok(fallback?.type === 'fallback');
        assert.deepEqual([fallback.from.model, fallback.to.model], [modelA, modelB]);
        assert.match(fallback.reason, /server error/);
      });

      const counts = COUNTS_BEFORE_END[c.protocol];
      if (counts) {
        it('counts the tokens a broken attempt reported, in the usage, the cost and the budget', async () => {
          const usage = { input: 1000, output: 50 };
          fake.script({ text: 'one two three', usage, cutAfter: counts.frames }, { text: 'one two three', usage });
          const price = { input: 10, output: 10 };
          const { gateway, events } = gatewayFor(c, fake, { providers: { prices: { [modelA]: price } } });
          const r = await collect(gateway.stream('ceo', REQUEST));
          assert.equal(r.record?.text, 'one two three', r.error?.message);
          const output = usage.output + counts.output(usage.output);
          const total = gateway.ledger.total();
          assert.equal(total.input, 2 * usage.input, 'the prompt was paid twice');
          assert.equal(total.output, output);
          assert.ok(Math.abs(total.usd - (2 * usage.input * price.input + output * price.output) / 1e6) < 1e-12, `spent ${total.usd}`);
          assert.equal(total.calls, 1, 'one answer');
          const failed = events.filter((e) => e.type === 'failedAttempt');
          assert.equal(failed.length, 1, JSON.stringify(events));
        });
      }

      const endsEarly = ENDS_EARLY_WITH_COUNTS[c.protocol];
      if (endsEarly !== undefined) {
        it('counts the tokens of answers that ended before their end marker, and the budget sees them', async () => {
          const early = { text: 'one two three', usage: { input: 1000, output: 50 }, endAfter: endsEarly };
          fake.script(early, early, early, 'never sent');
          const prices = { [modelA]: { input: 1, output: 1 } };
          const { gateway } = gatewayFor(c, fake, { budgetUsd: 0.003, providers: { prices } });
          // At most 100 tokens out: each request reserves little, so only what was spent stops the next call.
          const r = await collect(gateway.stream('ceo', REQUEST, { maxTokens: 100 }));
          assert.equal(r.error?.kind, 'truncated');
          const total = gateway.ledger.total();
          assert.equal(total.input, 3000);
          assert.ok(total.usd >= 0.003, `spent ${total.usd}`);
          const next = await collect(gateway.stream('ceo', REQUEST, { maxTokens: 100 }));
          assert.equal(next.error?.kind, 'budget', next.error?.message);
          assert.equal(fake.requests().length, 3);
        });
      }

      it('moves on to the fallback at once when the model is not found (404), without retries', async () => {
        fake.script({ status: 404, error: `model ${modelA} not found` }, 'from the fallback');
        const { gateway, delays } = gatewayFor(c, fake, { fallback: true });
        const r = await collect(gateway.stream('ceo', REQUEST));
        assert.equal(r.record?.text, 'from the fallback', r.error?.message);
        assert.equal(r.record?.model, modelB);
        assert.equal(fake.requests().length, 2);
        assert.deepEqual(delays, []);
      });

      it('stops before the next call once the run budget is reached', async () => {
        // The first request reserves about 50 tokens in and 2 out ($0.0052 at $100 per million, under
        // $0.01); the fake then reports 1005 tokens ($0.1005), so the budget is reached.
        fake.script({ text: 'first', usage: { input: 1000, output: 5 } }, 'never sent');
        const { gateway } = gatewayFor(c, fake, { budgetUsd: 0.01, providers: { prices: { [modelA]: { input: 100, output: 100 } } } });
        assert.equal((await collect(gateway.stream('ceo', REQUEST, { maxTokens: 2 }))).record?.text, 'first');
        const r = await collect(gateway.stream('ceo', REQUEST, { maxTokens: 2 }));
        assert.equal(r.error?.kind, 'budget');
        assert.match(r.error?.message ?? '', /budget of \$0\.0100 is reached \(\$0\.1005 spent\).*raise limits\.budgetUsd and resume/);
        assert.equal(fake.requests().length, 1, 'the budget is checked before the request');
      });
    });
  }
});
