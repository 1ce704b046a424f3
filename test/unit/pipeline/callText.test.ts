// A model call's text as it arrives (issue 10: the dashboard's run log shows streamed model text):
// the pipeline's calls go through the gateway's stream and hand each delta on, while the journal
// keeps what it kept before (the whole answer of a call that ended well, nothing of one that failed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../../src/core/config/roles';
import { Effects } from '../../../src/core/pipeline/journal/effects';
import type { Journalled } from '../../../src/core/pipeline/journal/events';
import { Journal } from '../../../src/core/pipeline/journal/journal';
import { RunFolder } from '../../../src/core/pipeline/journal/runFolder';
import type { CallText } from '../../../src/core/pipeline/models/callText';
import { ModelCaller, type AskSpec, type ModelGateway } from '../../../src/core/pipeline/models/modelCaller';
import { ProviderError } from '../../../src/core/providers/errors';
import type { CallOptions, CallRecord, ChatRequest, StreamEvent } from '../../../src/core/providers/types';
import { FakeLlm } from '../../fakes/fakeLlm';
import { DAC_EXAMPLES, reply } from '../protocol/examples';
import { CASES, gatewayFor } from '../providers/harness';

const ANSWER = reply(DAC_EXAMPLES.blueprint, 'The blueprint, as asked.');
const SPEC: AskSpec<'blueprint'> = { key: 'blueprint', role: 'ceo', step: 'blueprint', expect: 'blueprint', access: 'read-only', fresh: 'Write the blueprint.' };
const USAGE = { input: 321, output: 54, cached: 0, cacheWrite: 0 };

function recordOf(text: string, role: Role): CallRecord {
  return { text, stopReason: 'stop', providerStopReason: 'stop', usage: USAGE, usageReported: true, cost: { usd: 0.01, source: 'table' }, latencyMs: 5, attempts: 1, role, provider: 'openai', model: 'gpt-test' };
}

/** A gateway whose stream plays `events` (a string is a delta; an Error is thrown there); `complete` must not be used when streaming. */
class PlayedGateway implements ModelGateway {
  completed = 0;
  constructor(private readonly play: ReadonlyArray<string | Error | StreamEvent>) {}
  complete(role: Role): Promise<CallRecord> {
    this.completed++;
    return Promise.resolve(recordOf(this.play.filter((p): p is string => typeof p === 'string').join(''), role));
  }
  async *stream(role: Role, _request: ChatRequest, _options?: CallOptions): AsyncGenerator<StreamEvent, CallRecord, undefined> {
    let text = '';
    for (const p of this.play) {
      await new Promise((r) => setImmediate(r));
      if (p instanceof Error) throw p;
      if (typeof p === 'string') {
        text += p;
        yield { type: 'delta', text: p };
      } else {
        if (p.type === 'restart') text = '';
        yield p;
      }
    }
    const record = recordOf(text, role);
    yield { type: 'final', record };
    return record;
  }
}

describe('model calls stream their text while the journal keeps only answers', () => {
  let root: string;
  let journal: Journal;
  let timeline: string[];
  let texts: CallText[];
  const abort = new AbortController();

  const caller = (gateway: ModelGateway, withText = true, signal = abort.signal): ModelCaller => {
    const effects = new Effects(journal);
    const onText = (e: CallText): void => {
      texts.push(e);
      timeline.push(`text:${e.kind}`);
    };
    return new ModelCaller('r1', gateway, effects, 1, signal, () => undefined, withText ? onText : undefined);
  };
  const open = (): void => {
    journal = new Journal(new RunFolder(root, 'r1').journalFile, (e: Journalled) => timeline.push(e.type === 'effect.start' || e.type === 'effect.done' ? `${e.type}:${e.key}` : e.type));
  };
  const deltas = (): string => texts.filter((t) => t.kind === 'delta').map((t) => (t.kind === 'delta' ? t.text : '')).join('');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'factory-calltext-'));
    new RunFolder(root, 'r1').create();
    timeline = [];
    texts = [];
    open();
  });
  afterEach(() => {
    journal.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('hands on each delta under the call key as it arrives, then the end; the journal records the whole answer after', async () => {
    const parts = [ANSWER.slice(0, 10), ANSWER.slice(10, 60), ANSWER.slice(60)];
    const gateway = new PlayedGateway(parts);
    const asked = await caller(gateway).ask(SPEC);
    assert.equal(asked.ok, true);
    assert.equal(gateway.completed, 0, 'the call went through the stream');
    assert.deepEqual(
      texts.map((t) => [t.kind, t.key]),
      [['delta', 'call:blueprint'], ['delta', 'call:blueprint'], ['delta', 'call:blueprint'], ['end', 'call:blueprint']],
    );
    assert.equal(deltas(), ANSWER);
    assert.deepEqual(texts.at(-1), { kind: 'end', key: 'call:blueprint', answered: true });
    // Text arrives between the call's start and its answer in the journal, not after it.
    assert.deepEqual(timeline, ['effect.start:call:blueprint', 'text:delta', 'text:delta', 'text:delta', 'text:end', 'effect.done:call:blueprint']);
    const done = journal.all().find((e) => e.type === 'effect.done');
    assert.ok(done?.type === 'effect.done');
    assert.deepEqual({ text: (done.result as { text: string }).text, usage: (done.result as { usage: unknown }).usage }, { text: ANSWER, usage: USAGE });
  });

  it('a restart (a retry answering differently) is handed on, and only the text after it is the answer', async () => {
    const asked = await caller(new PlayedGateway(['half an answer that', { type: 'restart', reason: 'retry' }, ANSWER])).ask(SPEC);
    assert.equal(asked.ok && asked.reply, ANSWER);
    assert.deepEqual(texts.map((t) => t.kind), ['delta', 'restart', 'delta', 'end']);
  });

  it('a provider error mid-answer fails the call as before, with its message; the partial text is handed on as unanswered and never journalled as the answer', async () => {
    const err = new ProviderError({ kind: 'server', status: 500, detail: 'the connection broke' }, { provider: 'openai', label: 'OpenAI', model: 'gpt-test', role: 'ceo' });
    await assert.rejects(caller(new PlayedGateway(['The bluep', 'rint is', err])).ask(SPEC), (e: unknown) => e === err);
    assert.equal(deltas(), 'The blueprint is');
    assert.deepEqual(texts.at(-1), { kind: 'end', key: 'call:blueprint', answered: false });
    assert.deepEqual(
      journal.all().filter((e) => e.type === 'effect.start' || e.type === 'effect.done').map((e) => e.type),
      ['effect.start'],
      'the call started and never finished: nothing recorded as its answer',
    );
    // Resumed, the call is asked again (the partial text was not kept as its answer).
    journal.close();
    open();
    texts = [];
    const again = await caller(new PlayedGateway([ANSWER])).ask(SPEC);
    assert.equal(again.ok && again.reply, ANSWER);
    assert.deepEqual(texts.map((t) => t.kind), ['delta', 'end']);
  });

  it('without a listener for the text (the CLI), the call is collected whole as before', async () => {
    const gateway = new PlayedGateway([ANSWER]);
    const asked = await caller(gateway, false).ask(SPEC);
    assert.equal(asked.ok, true);
    assert.equal(gateway.completed, 1);
    assert.deepEqual(texts, []);
  });

  describe('through the real gateway and SDK, against the fake server', () => {
    const fake = new FakeLlm();
    before(() => fake.listen());
    afterEach(() => fake.reset());
    after(() => fake.close());
    const chat = CASES.find((c) => c.name === 'openai-compatible');
    assert.ok(chat);

    it('text arrives before the call ends, and the journal records the same tokens and cost as a call collected whole', async () => {
      const chunks = [ANSWER.slice(0, 30), ANSWER.slice(30, 200), ANSWER.slice(200)];
      const price = { input: 1, output: 10, cached: 0.1, cacheWrite: 2 };
      fake.script({ chunks, usage: USAGE, delayMs: 30 }, { text: ANSWER, usage: USAGE });
      const { gateway } = gatewayFor(chat, fake, { providers: { idleTimeoutS: 5, prices: { [chat.models[0]]: price } } });
      let firstDeltaAt = 0;
      const effects = new Effects(journal);
      const streamed = new ModelCaller('r1', gateway, effects, 1, abort.signal, () => undefined, (e) => {
        texts.push(e);
        if (e.kind === 'delta' && firstDeltaAt === 0) firstDeltaAt = Date.now();
      });
      const askedAt = Date.now();
      await streamed.ask(SPEC);
      const endedAt = Date.now();
      assert.equal(fake.requests()[0]?.stream, true);
      assert.ok(firstDeltaAt > askedAt && firstDeltaAt < endedAt - 30, `the first text came ${firstDeltaAt - askedAt} ms after the ask, the answer ${endedAt - askedAt} ms`);
      assert.equal(deltas(), ANSWER);
      // The same call again, collected whole (no listener): the journal keeps the same usage and cost.
      const whole = new ModelCaller('r1', gateway, effects, 1, abort.signal, () => undefined);
      await whole.ask({ ...SPEC, key: 'blueprint-again' });
      const results = journal.all().flatMap((e) => (e.type === 'effect.done' ? [e.result as { usage: unknown; usd: unknown; costSource: unknown }] : []));
      assert.equal(results.length, 2);
      const [viaStream, collected] = results.map((r) => [r.usage, r.usd, r.costSource]);
      assert.deepEqual(viaStream, collected);
      assert.deepEqual(collected?.[0], USAGE);
      assert.equal(collected?.[2], 'settings');
      assert.ok(typeof collected?.[1] === 'number' && collected[1] > 0);
      assert.equal(gateway.ledger.total().input, 2 * USAGE.input, 'the budget counted both calls');
    });

    it('cancelling the run aborts the stream: the call ends at once as cancelled, not answered', async () => {
      fake.script({ text: ANSWER, chunks: [ANSWER.slice(0, 20), ANSWER.slice(20)], stallAfter: 3 });
      const { gateway } = gatewayFor(chat, fake, { providers: { idleTimeoutS: 30 } });
      const run = new AbortController();
      const asking = caller(gateway, true, run.signal).ask(SPEC);
      const firstText = new Promise<void>((resolve) => {
        const poll = (): void => void (texts.some((t) => t.kind === 'delta') ? resolve() : setTimeout(poll, 5));
        poll();
      });
      await firstText;
      const cancelledAt = Date.now();
      run.abort();
      await assert.rejects(asking, (e: unknown) => e instanceof ProviderError && e.kind === 'cancelled');
      assert.ok(Date.now() - cancelledAt < 2000, 'the stream stopped at once');
      assert.deepEqual(texts.at(-1), { kind: 'end', key: 'call:blueprint', answered: false });
      assert.equal(journal.all().filter((e) => e.type === 'effect.done').length, 0);
    });
  });
});
