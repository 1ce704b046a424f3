// Every wire protocol of the fake, driven through its real SDK: text, usage, errors and stream faults
// must reach the client exactly as a real provider's would.
import assert from 'node:assert/strict';
import { dacContextLine } from '../../fakes/dacContext';
import { FakeLlm } from '../../fakes/fakeLlm';
import { preambleFrames } from '../../fakes/protocols';
import { DRIVERS } from './sdkDrivers';

const PROMPT = 'Say something.';
const TEXT = 'Hello, wörld!\n```dac\n{ "dac": 1, "kind": "review", "score": 90, "findings": [] }\n```';

describe('fake LLM through the real SDKs', () => {
  const fake = new FakeLlm();
  before(() => fake.listen());
  afterEach(() => fake.reset());
  after(() => fake.close());

  for (const driver of DRIVERS) {
    describe(driver.protocol, () => {
      const pre = preambleFrames(driver.protocol);

      it('returns non-streaming text intact and records the request', async () => {
        fake.script(TEXT);
        const r = await driver.complete(fake.url, PROMPT);
        assert.equal(r.text, TEXT);
        const [req] = fake.requests();
        assert.equal(req?.protocol, driver.protocol);
        assert.equal(req?.stream, false);
        assert.equal(req?.answeredBy, 'queue');
        assert.equal(req?.dac, null);
      });

      it('streams text chunk by chunk', async () => {
        const chunks = ['Hel', 'lo, ', 'wörld', '!\n```dac\n{}\n```'];
        fake.script({ chunks });
        const seen: string[] = [];
        const r = await driver.stream(fake.url, PROMPT, { onText: (t) => seen.push(t) });
        assert.deepEqual(seen, chunks);
        assert.equal(r.text, chunks.join(''));
        assert.equal(r.terminal, true);
        assert.equal(fake.requests()[0]?.stream, true);
      });

      it('reports usage, cached input included, streaming and not', async () => {
        const usage = { input: 200, output: 9, cached: 120, cacheWrite: 30 };
        const expected = { input: 200, output: 9, cached: driver.reportsCached ? 120 : 0 };
        fake.script({ text: 'a b', usage }, { text: 'a b', usage });
        assert.deepEqual((await driver.complete(fake.url, PROMPT)).usage, expected);
        assert.deepEqual((await driver.stream(fake.url, PROMPT)).usage, expected);
      });

      it('passes a 429 with retry-after to the SDK as status 429', async () => {
        fake.script({ status: 429, headers: { 'retry-after': '7' }, error: 'slow down' });
        await assert.rejects(driver.complete(fake.url, PROMPT), (err: unknown) => {
          assert.equal(driver.status(err), 429);
          assert.match(String(err), /slow down/);
          if (driver.errorHeaders) assert.equal(driver.header(err, 'retry-after'), '7');
          return true;
        });
        assert.equal(fake.requests().length, 1, 'no SDK retry');
      });

      it('cutAfter makes the stream throw after the frames sent', async () => {
        fake.script({ text: 'one two three', cutAfter: pre + 1 });
        let partial = '';
        await assert.rejects(driver.stream(fake.url, PROMPT, { onText: (t) => (partial += t) }));
        assert.equal(partial, 'one ');
      });

      it('stallAfter sends frames, then nothing until the client aborts', async () => {
        fake.script({ text: 'one two three', stallAfter: pre + 1 });
        let partial = '';
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), 300);
        const run = driver.stream(fake.url, PROMPT, { signal: abort.signal, onText: (t) => (partial += t) });
        try {
          if (driver.quietAbort) assert.equal((await run).terminal, false);
          else await assert.rejects(run);
        } finally {
          clearTimeout(timer);
        }
        assert.equal(abort.signal.aborted, true, 'only the abort ended the stream');
        assert.equal(partial, 'one ');
      });

      it('endAfter ends cleanly without the terminal event', async () => {
        fake.script({ text: 'one two three', endAfter: pre + 2 });
        let partial = '';
        const run = driver.stream(fake.url, PROMPT, { onText: (t) => (partial += t) });
        if (driver.quietEarlyEnd) {
          const r = await run;
          assert.equal(r.terminal, false);
          assert.equal(r.text, 'one two ');
        } else {
          await assert.rejects(run, /Did not receive done/);
        }
        assert.equal(partial, 'one two ');
      });

      it('hang never answers; destroy resets the connection', async () => {
        fake.script({ hang: true }, { destroy: true });
        await assert.rejects(driver.complete(fake.url, PROMPT, { signal: AbortSignal.timeout(100) }));
        await assert.rejects(driver.complete(fake.url, PROMPT), (err: unknown) => driver.status(err) === undefined);
        assert.equal(fake.requests().length, 2);
      });

      it('routes by the DaC-Context of the first user message', async () => {
        fake.route(
          { match: { role: 'qc', expect: 'review' }, reply: 'from qc' },
          { match: { role: 'architect', expect: 'review' }, reply: 'from architect' },
        );
        const line = dacContextLine({ run: 'r1', role: 'architect', step: 'review', expect: 'review' });
        const r = await driver.complete(fake.url, `Review the blueprint.\n${line}\n`);
        assert.equal(r.text, 'from architect');
        const [req] = fake.requests();
        assert.equal(req?.answeredBy, 'route');
        assert.deepEqual(req?.dac, { run: 'r1', role: 'architect', step: 'review', expect: 'review', task: '-', repair: 0, line });
      });
    });
  }
});
