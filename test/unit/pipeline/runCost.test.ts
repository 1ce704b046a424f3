// The one-line cost of a run (factory's summary, `factory runs`, VS Code's resume list).
import assert from 'node:assert/strict';
import type { JournalEvent, Journalled } from '../../../src/core/pipeline/journal/events';
import { costText, runCost } from '../../../src/core/pipeline/runCost';

const journal = (events: JournalEvent[]): Journalled[] => events.map((e, i) => ({ ...e, seq: i + 1, at: 1_700_000_000_000 + i }) as Journalled);
const call = (key: string, result: Record<string, unknown>): JournalEvent[] => [
  { type: 'effect.start', key: `call:${key}`, kind: 'call', detail: { role: 'qc' } },
  { type: 'effect.done', key: `call:${key}`, kind: 'call', result: { text: 'x', usage: { input: 10, output: 5, cached: 0 }, ...result } },
];

describe('run cost line', () => {
  it('says which calls ran on a subscription CLI instead of counting them as plain $0', () => {
    const cost = runCost(journal([...call('a', { usd: 0, costSource: 'subscription' }), ...call('b', { usd: 0, costSource: 'subscription' }), ...call('c', { usd: 0.01, costSource: 'table' })]));
    assert.equal(cost.subscription, 2);
    assert.equal(costText(cost), '$0.0100 + 2 calls on subscription');
  });

  it('keeps its shape when no call ran on a subscription', () => {
    const cost = runCost(journal(call('c', { usd: 0.01, costSource: 'table' })));
    assert.deepEqual(cost, { usd: 0.01, calls: 1, unpriced: 0 });
    assert.equal(costText(cost), '$0.0100');
  });
});
