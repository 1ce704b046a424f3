import assert from 'node:assert/strict';
import type { RunRow } from '../../../src/core/pipeline/runRow';
import { resumeItems } from '../../../src/vscode/resumeItems';

const row = (id: string, state: RunRow['state'], lastAt: number | null, usd = 0.12): RunRow => ({
  id,
  mode: 'create',
  request: `request of ${id}`,
  stage: 'waves',
  state,
  reason: null,
  cost: { usd, calls: 3, unpriced: 0 },
  lastAt,
});

describe('Resume Run: the stopped runs, newest first, each with its stage, age and cost', () => {
  it('offers only resumable runs, most recent first, saying where each stopped, how long ago and what it cost', () => {
    const now = Date.UTC(2026, 0, 27, 12, 0, 0);
    const items = resumeItems(
      [row('old', 'stopped', now - 3 * 86_400_000), row('done', 'shipped', now - 1000), row('killed', 'unfinished', now - 5 * 60_000, 1.5)],
      now,
    );
    assert.deepEqual(items.map((i) => i.id), ['killed', 'old']);
    assert.equal(items[0]?.label, 'request of killed');
    assert.equal(items[0]?.description, 'unfinished at waves · 5 min ago · $1.50');
    assert.equal(items[1]?.description, 'stopped at waves · 3 days ago · $0.1200');
    assert.equal(items[1]?.detail, 'old');
  });
});
