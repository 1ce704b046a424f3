// What models are told of the learning store: the learnings paragraph with ids, the domain research
// paragraph, and the gate's settled and departing decisions. Snapshots: a change is reviewed.
import assert from 'node:assert/strict';
import { importInto, initialLearnings, selectLearnings } from '../../../src/core/learning';
import { checkDna, markDnaDecisions } from '../../../src/core/pipeline/dnaDecisions';
import { learnedText, researchText } from '../../../src/core/pipeline/learnedText';
import { loadPrompt } from '../../../src/core/prompts/load';
import type { Blueprint } from '../../../src/core/protocol';
import { DAC_EXAMPLES } from '../protocol/examples';
import { matchesSnapshot } from '../../support/promptSnapshot';

describe('learnings in prompts', () => {
  const store = importInto(
    initialLearnings(),
    {
      dna: [{ topic: 'test runner', choice: 'node:test', why: 'the owner accepted it', confirmed: 3, lastSeen: '2026-11-20T10:00:00.000Z' }],
      traps: [{ domain: 'billing', trap: 'totals summed as floats drift by a cent', avoid: 'keep amounts in integer cents', run: '20261120-100000-abcd' }],
      rules: [],
    },
    new Date('2026-11-20T10:00:00.000Z'),
  ).store;

  it('the learnings paragraph lists DNA, traps and rules with their ids', () => {
    const s = selectLearnings(store, 'an invoicing service with payments');
    const text = learnedText(s);
    matchesSnapshot('learned', `${text}\n`);
    for (const e of [...s.dna, ...s.traps, ...s.rules]) assert.ok(text.includes(`[${e.id}]`), e.id);
  });

  it('a blueprint that copies a DNA choice as the prompt shows it, even one with brackets and semicolons of its own, is settled', () => {
    // A relay run: "(no Jest, no Mocha) (no test dependencies...)" left no way to tell the choice from the why,
    // the model reworded the choice, and the engine showed the owner's own decision to the gate as a departure.
    const owner = importInto(initialLearnings(), { dna: [{ topic: 'CLI argument parsing', choice: 'no CLI framework (parse argv by hand); exit 2 on bad usage', why: 'small tools have no dependencies' }], traps: [], rules: [] }, new Date(0)).store;
    const line = learnedText(selectLearnings(owner, 'a small CLI')).split('\n').find((l) => l.includes('CLI argument parsing')) ?? '';
    const copied = /CLI argument parsing: "(.*?)"(?: \(|$)/.exec(line)?.[1];
    assert.equal(copied, 'no CLI framework (parse argv by hand); exit 2 on bad usage', line);
    const bp = markDnaDecisions({ ...(DAC_EXAMPLES.blueprint as unknown as Blueprint), decisions: [{ topic: 'CLI argument parsing', choice: copied, source: 'dna' }] }, owner.dna);
    assert.deepEqual(checkDna(bp, owner.dna).departs, []);
    for (const step of ['step.blueprint', 'step.blueprint_update']) assert.match(loadPrompt(step), /"dna" \(an owner decision given above: copy its topic and its quoted choice exactly/, step);
  });

  it('says so when nothing is recorded', () => {
    assert.match(learnedText({ dna: [], traps: [], rules: [] }), /No owner decisions, traps or rules are recorded/);
  });

  it('the domain research paragraph names the domains, or says none was recognised', () => {
    matchesSnapshot('blueprint.research', `${researchText(['billing', 'auth'])}\n`);
    assert.match(researchText([]), /none in particular/);
  });
});
