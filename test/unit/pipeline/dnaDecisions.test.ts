// "Load DNA, skip known decisions": the engine marks the blueprint decisions the owner's DNA settles,
// tells the gate they are settled, and does not apply a twin's change to them; "domain research":
// the blueprint's `applied` may cite only learnings it was shown.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { SplitResult } from '../../../src/core/exec';
import { importInto, initialLearnings } from '../../../src/core/learning';
import { checkDna, markDnaDecisions, splitChanges } from '../../../src/core/pipeline/dnaDecisions';
import { MemoryLearningStore } from '../../../src/core/pipeline/learningStore';
import { draftBlueprint } from '../../../src/core/pipeline/stages/draftBlueprint';
import { gateBlueprint } from '../../../src/core/pipeline/stages/gateBlueprint';
import type { Blueprint } from '../../../src/core/protocol';
import { DAC_EXAMPLES, reply } from '../protocol/examples';
import { lastUserText, scriptedRun, testConfig, type ScriptedRun } from './scriptedRun';

const split = (line: string): SplitResult => ({ ok: true, argv: line.split(/\s+/).filter(Boolean) });
const STORE = importInto(initialLearnings(), { dna: [{ topic: 'Test Runner', choice: 'node:test', why: 'always' }, { topic: 'module format', choice: 'ESM' }], traps: [{ domain: 'text', trap: 'accents dropped', avoid: 'NFD first' }], rules: [] }, new Date(0)).store;
const dnaOf = () => STORE.dna;
const bp = (decisions: Blueprint['decisions']): Blueprint => ({ ...(DAC_EXAMPLES.blueprint as unknown as Blueprint), decisions });

describe('DNA decisions', () => {
  let run: ScriptedRun | undefined;
  afterEach(() => run?.cleanup());

  it('the engine marks a decision "dna" when its topic and choice are the owner\'s, and takes back a "dna" the model claimed for anything else', () => {
    const marked = markDnaDecisions(
      bp([
        { topic: 'test-runner', choice: 'node:test', source: 'assumption' },
        { topic: 'database', choice: 'sqlite', source: 'dna' },
        { topic: 'Module Format', choice: 'CommonJS', source: 'dna' },
      ]),
      dnaOf(),
    );
    assert.deepEqual(marked.decisions.map((d) => d.source), ['dna', 'assumption', 'assumption']);
    const check = checkDna(marked, dnaOf());
    assert.deepEqual(check.settled.map((s) => s.topic), ['test-runner']);
    assert.deepEqual(check.departs.map((d) => [d.topic, d.dnaChoice]), [['Module Format', 'ESM']]);
  });

  it('a choice that only contains the owner\'s as part of a word departs from the DNA; the same choice said at more length agrees', () => {
    const owner = importInto(initialLearnings(), { dna: [{ topic: 'ui framework', choice: 'React' }, { topic: 'language', choice: 'Java' }, { topic: 'database', choice: 'SQL' }, { topic: 'test runner', choice: 'node:test' }, { topic: 'systems language', choice: 'C++' }], traps: [], rules: [] }, new Date(0)).store.dna;
    const check = checkDna(
      bp([
        { topic: 'UI framework', choice: 'Preact' },
        { topic: 'language', choice: 'JavaScript' },
        { topic: 'database', choice: 'PostgreSQL' },
        { topic: 'test runner', choice: 'node:test (built in)' },
        { topic: 'systems language', choice: 'C#' },
      ]),
      owner,
    );
    assert.deepEqual(check.departs.map((d) => `${d.choice} vs ${d.dnaChoice}`), ['Preact vs React', 'JavaScript vs Java', 'PostgreSQL vs SQL', 'C# vs C++']);
    assert.deepEqual(check.settled.map((d) => d.choice), ['node:test (built in)']);
  });

  it('a gate change that names a settled topic is the one not applied; others are', () => {
    const settled = [{ topic: 'test runner', choice: 'node:test', id: 'dna-00000001' }];
    const { kept, dropped } = splitChanges(['Use Jest as the test-runner', 'add a test for empty strings', 'switch the test runner.'], settled);
    assert.deepEqual(kept, ['add a test for empty strings']);
    assert.deepEqual(dropped.map((d) => d.change), ['Use Jest as the test-runner', 'switch the test runner.']);
  });

  it('the twin is shown the settled decisions; a CHANGE only to them counts as ACCEPT, a mixed one keeps the rest', async () => {
    const prompts: string[] = [];
    const answers = [
      reply({ dac: 1, kind: 'decision', verdict: 'CHANGE', reasons: ['r'], changes: ['use vitest as the test runner'] }),
      reply({ dac: 1, kind: 'decision', verdict: 'CHANGE', reasons: ['r'], changes: ['use vitest as the test runner', 'add an empty-string case'] }),
    ];
    run = scriptedRun((_c, request) => {
      prompts.push(lastUserText(request));
      return answers.shift() ?? '';
    }, testConfig(), { learning: new MemoryLearningStore(STORE) });
    const blueprint = markDnaDecisions(bp([{ topic: 'test runner', choice: 'node:test', source: 'request' }]), dnaOf());
    const first = await gateBlueprint(run.ctx, blueprint, 'doc', 1, undefined);
    assert.ok(first.ok);
    assert.deepEqual(first.answer, { verdict: 'ACCEPT' });
    assert.match(prompts[0] ?? '', /Settled by the owner's recorded decisions \(DNA\)[^]*- test runner: node:test \[dna-[0-9a-f]{8}\]/);
    const second = await gateBlueprint(run.ctx, blueprint, 'doc', 2, undefined);
    assert.ok(second.ok);
    assert.deepEqual(second.answer, { verdict: 'CHANGE', changes: ['add an empty-string case'] });
  });

  it('a person at the gate is told which decisions DNA settles, and their own changes are all applied', async () => {
    let summary = '';
    run = scriptedRun(() => '', testConfig({ gate: 'human' }), { learning: new MemoryLearningStore(STORE), gate: [{ verdict: 'CHANGE', changes: ['use vitest as the test runner'] }], onGate: (s) => (summary = s) });
    const blueprint = markDnaDecisions(bp([{ topic: 'test runner', choice: 'node:test', source: 'request' }]), dnaOf());
    const g = await gateBlueprint(run.ctx, blueprint, 'doc', 1, undefined);
    assert.match(summary, /Settled by your recorded decisions \(DNA\), not asked again: test runner: node:test/);
    assert.ok(g.ok);
    assert.deepEqual(g.answer, { verdict: 'CHANGE', changes: ['use vitest as the test runner'] });
  });

  it('a person at the gate is told which decisions depart from their recorded DNA, with their own choice', async () => {
    // The twin is shown departures; a person deciding the gate was shown only the settled ones.
    let summary = '';
    run = scriptedRun(() => '', testConfig({ gate: 'human' }), { learning: new MemoryLearningStore(STORE), gate: [{ verdict: 'ACCEPT' }], onGate: (s) => (summary = s) });
    const blueprint = markDnaDecisions(bp([{ topic: 'module format', choice: 'CommonJS', source: 'assumption' }]), dnaOf());
    const g = await gateBlueprint(run.ctx, blueprint, 'doc', 1, undefined);
    assert.ok(g.ok);
    assert.match(summary, /Departs from your recorded decisions \(DNA\): module format: CommonJS \(yours: ESM\)/);
  });

  it('the blueprint is written with the engine\'s sources; an `applied` id it was not shown goes back to the ceo', async () => {
    const seen: string[] = [];
    const base = { ...DAC_EXAMPLES.blueprint, decisions: [{ topic: 'test runner', choice: 'node:test', source: 'assumption' }], domains: ['text'] };
    const answers = [reply({ ...base, applied: [{ learning: 'trap-deadbeef', how: 'x' }] }), reply({ ...base, applied: [{ learning: STORE.traps[0]?.id, how: 'NFD in T1' }, { pitfall: 'empty input', how: 'T1 AC' }] })];
    run = scriptedRun((_c, request) => {
      seen.push(lastUserText(request));
      return answers.shift() ?? '';
    }, testConfig(), { learning: new MemoryLearningStore(STORE) });
    Object.assign(run.ctx, { request: 'a slugify library for text with accents' });
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok, d.ok ? '' : d.reason);
    assert.match(seen[0] ?? '', /\[trap-[0-9a-f]{8}\] \(text\) accents dropped/);
    assert.match(seen[0] ?? '', /these domains: text/);
    assert.match(seen[1] ?? '', /applied\[0\]\.learning/);
    assert.equal(d.blueprint.decisions[0]?.source, 'dna');
    assert.match(readFileSync(run.ctx.folder.blueprintFile, 'utf8'), /"source": "dna"/);
    assert.equal(d.blueprint.applied?.length, 2);
  });
});
