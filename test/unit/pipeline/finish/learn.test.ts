import assert from 'node:assert/strict';
import { learn } from '../../../../src/core/pipeline/stages/finishStages';
import { blueprint, dac, harness, notes, type Harness } from './harness';

const LEARNING = { kind: 'learning', dna: [{ topic: 'runner', choice: 'node:test', why: 'accepted' }], traps: [{ domain: 'http', trap: 'crash on bad JSON', avoid: 'parse in try' }], rules: [] };

describe('learning', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('asks the ceo with the run\'s decisions, traps and findings from the journal, and stores the learning through the port', async () => {
    h = harness({ script: { learning: [dac(LEARNING)] } });
    h.ctx.journal.append({ type: 'note', topic: 'gate', data: { by: 'twin', verdict: 'CHANGE', reasons: ['needs /health'], changes: ['add GET /health'] } });
    h.ctx.journal.append({ type: 'note', topic: 'trap', task: 'T1', data: { task: 'T1', phase: 'red', attempt: 1, why: 'tests passed before the implementation' } });
    h.ctx.journal.append({ type: 'note', topic: 'code_qc', data: { score: 80, findings: [{ severity: 'high', file: 'server.js', line: 3, issue: 'no timeout' }] } });
    h.ctx.journal.append({ type: 'note', topic: 'verify', data: { score: 60, broken: [{ probe: 'P2', issue: '500 on bad JSON' }], crashes: [] } });
    const { bp, doc } = blueprint({});
    await learn(h.ctx, { ...bp, decisions: [{ topic: 'runner', choice: 'node:test', source: 'dna' }] }, doc, { tasks: [{ id: 'T1', state: 'rolled_back', traps: 2 }], testsPass: false });
    const text = h.asked[0].text;
    assert.equal(h.asked[0].role, 'ceo');
    for (const seen of ['runner: node:test', 'add GET /health', 'tests passed before the implementation', 'server.js:3: no timeout', 'P2: 500 on bad JSON', 'task T1 rolled_back']) assert.ok(text.includes(seen), `the request shows ${seen}`);
    assert.equal(h.learning.kept.length, 1);
    assert.equal(h.learning.kept[0].runId, 'run-test');
    assert.deepEqual(h.learning.kept[0].learning.traps, LEARNING.traps);
    assert.equal(notes(h, 'learning')[0].traps, 1);
  });

  it("a trap's line carries what its command printed, not only why it was a trap: the learner can say what went wrong", async () => {
    h = harness({ script: { learning: [dac(LEARNING)] } });
    const digest = "wordCounts counts each word\nnot ok 1 - wordCounts counts each word\n  error: 'wordCounts is not a function or its return value is not iterable'\n  name: 'TypeError'";
    h.ctx.journal.append({ type: 'note', topic: 'trap', task: 'T1', data: { task: 'T1', phase: 'green', attempt: 1, why: '1 test of the project that passed before this run fails now (npm test): wordCounts counts each word', command: { argv: ['npm', 'test'], exitCode: 1, digest }, regressions: ['wordCounts counts each word'] } });
    const { bp, doc } = blueprint({});
    await learn(h.ctx, bp, doc, { tasks: [{ id: 'T1', state: 'done', traps: 1 }], testsPass: true });
    const line = h.asked[0].text.split('\n').find((l) => l.startsWith('- trap T1')) ?? '';
    assert.match(line, /fails now \(npm test\): wordCounts counts each word/);
    assert.match(line, /its return value is not iterable/);
  });

  it('a learning call that fails is noted and the run goes on', async () => {
    h = harness({ script: { learning: [new Error('provider down')] } });
    const { bp, doc } = blueprint({});
    await learn(h.ctx, bp, doc, undefined);
    assert.equal(h.learning.kept.length, 0);
    assert.match(String(notes(h, 'learning.failed')[0].why), /provider down/);
    assert.ok(h.progress.some((p) => p.kind === 'warn' && /nothing was learned/.test(p.message)));
  });

  it('a store that fails is noted too; an invalid learning reply likewise', async () => {
    h = harness({ script: { learning: [dac(LEARNING)] } });
    h.ctx.learning.remember = async () => {
      throw new Error('disk full');
    };
    const { bp, doc } = blueprint({});
    await learn(h.ctx, bp, doc, undefined);
    assert.match(String(notes(h, 'learning.failed')[0].why), /disk full/);
    h.close();
    h = harness({ script: { learning: ['no', 'no', 'no'] } });
    await learn(h.ctx, bp, doc, undefined);
    assert.match(String(notes(h, 'learning.failed')[0].why), /could not be used/);
  });

  it('a cancel during learning still stops the run', async () => {
    h = harness({ script: { learning: [dac(LEARNING)] } });
    h.abort.abort();
    const { bp, doc } = blueprint({});
    await assert.rejects(learn(h.ctx, bp, doc, undefined));
    assert.equal(notes(h, 'learning.failed').length, 0);
  });

  it('a resumed run does not store the learning twice', async () => {
    h = harness({ script: { learning: [dac(LEARNING)] } });
    const { bp, doc } = blueprint({});
    await learn(h.ctx, bp, doc, undefined);
    await learn(h.ctx, bp, doc, undefined);
    assert.equal(h.learning.kept.length, 1);
    assert.equal(h.asked.length, 1);
  });
});
