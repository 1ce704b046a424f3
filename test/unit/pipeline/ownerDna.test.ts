// LEARN keeps the owner's DNA theirs: what the run decided is read from the final blueprint, a settled
// decision is confirmed in the owner's words, and a different choice on an owner's topic is stored
// only when the owner made it (their request, or their own change at a human gate).
import assert from 'node:assert/strict';
import { importInto, initialLearnings } from '../../../src/core/learning';
import { ownerDnaOnly } from '../../../src/core/pipeline/finish/ownerDna';
import type { Blueprint } from '../../../src/core/protocol';
import { DAC_EXAMPLES } from '../protocol/examples';

const OWNER = importInto(initialLearnings(), { dna: [{ topic: 'Test Runner', choice: 'node:test', why: 'always' }, { topic: 'database', choice: 'sqlite', why: 'small apps' }], traps: [], rules: [] }, new Date(0)).store.dna;
const bp = (decisions: Blueprint['decisions']): Blueprint => ({ ...(DAC_EXAMPLES.blueprint as unknown as Blueprint), decisions });

describe("the owner's DNA at LEARN", () => {
  it('a settled decision is confirmed once, in the owner\'s words, whatever the learning retells', () => {
    const out = ownerDnaOnly([{ topic: 'test runner', choice: 'the built-in node runner', why: 'x' }], OWNER, bp([{ topic: 'test-runner', choice: 'node:test', source: 'dna' }]), false);
    assert.deepEqual(out.dna, [{ topic: 'Test Runner', choice: 'node:test', why: 'always' }]);
    assert.deepEqual(out.kept, []);
  });

  it('a choice the owner did not make (an assumption a twin accepted) is kept out, and says which', () => {
    const out = ownerDnaOnly([{ topic: 'Database', choice: 'postgres', why: 'twin accepted' }], OWNER, bp([{ topic: 'database', choice: 'postgres', source: 'assumption' }]), false);
    assert.deepEqual(out.dna, []);
    assert.deepEqual(out.kept.map((k) => [k.topic, k.choice, k.ownerChoice]), [['database', 'postgres', 'sqlite']]);
  });

  it('the owner changes their choice through their request, or by their own change at a human gate', () => {
    const asked = ownerDnaOnly([], OWNER, bp([{ topic: 'database', choice: 'postgres', source: 'request' }]), false);
    assert.deepEqual(asked.dna.map((d) => [d.topic, d.choice]), [['database', 'postgres']]);
    const atGate = ownerDnaOnly([{ topic: 'database', choice: 'PostgreSQL 16', why: 'retold' }], OWNER, bp([{ topic: 'database', choice: 'postgres', source: 'assumption' }]), true);
    assert.deepEqual(atGate.dna.map((d) => [d.topic, d.choice]), [['database', 'postgres']], 'the blueprint\'s decision, not the retelling, and only once');
    assert.deepEqual(atGate.kept, []);
  });

  it('the same choice restated is a confirmation; a topic the owner has no entry for is the learning\'s to add', () => {
    const out = ownerDnaOnly([{ topic: 'database', choice: 'sqlite', why: '' }, { topic: 'slug separator', choice: 'dash', why: 'accepted' }], OWNER, bp([]), false);
    assert.deepEqual(out.dna, [{ topic: 'database', choice: 'sqlite', why: 'small apps' }, { topic: 'slug separator', choice: 'dash', why: 'accepted' }]);
  });
});
