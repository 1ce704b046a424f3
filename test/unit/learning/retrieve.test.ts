// Retrieval: the learnings a request gets are the relevant ones, ranked, within the token budget.
import assert from 'node:assert/strict';
import { importInto, initialLearnings, selectLearnings, type StoredLearnings } from '../../../src/core/learning';

function storeWith(data: { dna?: Array<[string, string]>; traps?: Array<[string, string, string]>; rules?: string[] }): StoredLearnings {
  return importInto(
    initialLearnings(),
    {
      dna: (data.dna ?? []).map(([topic, choice]) => ({ topic, choice })),
      traps: (data.traps ?? []).map(([domain, trap, avoid]) => ({ domain, trap, avoid })),
      rules: (data.rules ?? []).map((rule) => ({ rule })),
    },
    new Date(0),
  ).store;
}

const STORE = storeWith({
  dna: [
    ['test runner', 'node:test'],
    ['database', 'sqlite'],
  ],
  traps: [
    ['billing', 'totals summed as floats drift by a cent', 'keep amounts in integer cents'],
    ['billing', 'refund issued twice on a retried webhook', 'make refunds idempotent by key'],
    ['auth', 'passwords compared with ==', 'use a constant-time comparison'],
    ['text', 'accented letters dropped', 'normalize NFD first'],
  ],
});

describe('learning retrieval', () => {
  it('names the request\'s domains and gives it the traps of those domains only', () => {
    const s = selectLearnings(STORE, 'an invoicing service that takes payments and issues refunds');
    assert.deepEqual(s.domains.includes('billing'), true);
    assert.deepEqual(s.traps.map((t) => t.domain).sort(), ['billing', 'billing']);
    assert.ok(!s.traps.some((t) => t.domain === 'auth' || t.domain === 'text'));
  });

  it('a trap whose words the request uses is chosen even outside the named domains, ranked first', () => {
    const s = selectLearnings(STORE, 'a login page; compare passwords safely');
    assert.equal(s.traps[0]?.domain, 'auth');
    assert.ok(s.domains.includes('auth'));
  });

  it('DNA and rules that match come before the others', () => {
    const s = selectLearnings(STORE, 'a todo app stored in a database');
    assert.equal(s.dna[0]?.topic, 'database');
    const money = selectLearnings(STORE, 'a money transfer service');
    assert.match(money.rules[0]?.rule ?? '', /floating point for money/);
  });

  it('the vocabulary of a named domain counts too: a payments request ranks the money rule above unrelated rules', () => {
    const s = selectLearnings(STORE, 'an invoicing tool for payments');
    const order = s.rules.map((r) => r.rule);
    assert.ok(order.indexOf('never use floating point for money') < order.indexOf('never skip review scores'), order.join(' | '));
  });

  it('stays within the token budget, dropping the least relevant first', () => {
    const big = storeWith({
      traps: Array.from({ length: 60 }, (_, i): [string, string, string] => ['billing', `billing trap number ${i} about invoices and payments in detail`, `avoid it in way ${i}`]),
      dna: [['test runner', 'node:test']],
    });
    const s = selectLearnings(big, 'a billing service with invoices', 300);
    assert.ok(s.tokens <= 300, `${s.tokens} tokens`);
    assert.ok(s.traps.length > 0 && s.traps.length < 60);
    assert.ok(s.leftOut > 0);
    const all = selectLearnings(big, 'a billing service with invoices', 100_000);
    assert.equal(all.traps.length, 60);
    assert.ok(all.tokens > 300);
  });

  it('with nothing relevant, no traps go in; DNA and the rules still do, as general preferences', () => {
    const s = selectLearnings(STORE, 'a haiku generator');
    assert.deepEqual(s.traps, []);
    assert.equal(s.dna.length, 2);
    assert.equal(s.rules.length, 6);
  });
});
