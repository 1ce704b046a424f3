// What models are told of the learning store: the learnings paragraph with ids, the domain research
// paragraph, and the gate's settled and departing decisions. Snapshots: a change is reviewed.
import assert from 'node:assert/strict';
import { importInto, initialLearnings, selectLearnings } from '../../../src/core/learning';
import { learnedText, researchText } from '../../../src/core/pipeline/learnedText';
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

  it('says so when nothing is recorded', () => {
    assert.match(learnedText({ dna: [], traps: [], rules: [] }), /No owner decisions, traps or rules are recorded/);
  });

  it('the domain research paragraph names the domains, or says none was recognised', () => {
    matchesSnapshot('blueprint.research', `${researchText(['billing', 'auth'])}\n`);
    assert.match(researchText([]), /none in particular/);
  });
});
