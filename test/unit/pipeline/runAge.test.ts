import assert from 'node:assert/strict';
import { ageText } from '../../../src/core/pipeline/runAge';

describe('ageText', () => {
  it('says how long ago, in the largest whole unit', () => {
    const now = 1_000_000_000_000;
    assert.equal(ageText(now - 10_000, now), 'just now');
    assert.equal(ageText(now - 60_000, now), '1 min ago');
    assert.equal(ageText(now - 59 * 60_000, now), '59 min ago');
    assert.equal(ageText(now - 2 * 3_600_000, now), '2 h ago');
    assert.equal(ageText(now - 86_400_000, now), '1 day ago');
    assert.equal(ageText(now - 40 * 86_400_000, now), '40 days ago');
    assert.equal(ageText(null, now), 'age unknown');
  });
});
