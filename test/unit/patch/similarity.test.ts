import assert from 'node:assert/strict';
import fc from 'fast-check';
import { boundedDistance, similarity } from '../../../src/core/patch/match/similarity';

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

describe('similarity', () => {
  it('agrees with the textbook distance within the bound, and says "over" beyond it', () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[ab]{0,12}$/));
    fc.assert(
      fc.property(text, text, fc.nat(35), fc.integer({ min: -2, max: 2 }), (a, b, any, near) => {
        const want = levenshtein(a, b);
        // Bounds right at the distance are where a band or an off-by-one goes wrong.
        for (const max of [any, Math.max(0, want + near)]) assert.equal(boundedDistance(a, b, max), want <= max ? want : max + 1, `max ${max}`);
      }),
      { numRuns: 500 },
    );
  });

  it('is 1 for equal text and 0 below the asked minimum', () => {
    assert.equal(similarity('abc', 'abc'), 1);
    assert.equal(similarity('', ''), 1);
    assert.equal(similarity('abcdefghij', 'abcdefghiX'), 0.9);
    assert.equal(similarity('abcdefghij', 'abcdefXXXX', 0.9), 0);
  });

  it('admits a similarity exactly at the asked minimum, despite floating point ((1 - 0.9) * 440 is 43.99…)', () => {
    assert.equal(similarity('x'.repeat(440), `${'y'.repeat(44)}${'x'.repeat(396)}`, 0.9), 0.9);
    assert.equal(similarity('x'.repeat(440), `${'y'.repeat(45)}${'x'.repeat(395)}`, 0.9), 0);
  });

  it('with a minimum, is the plain similarity when that reaches the minimum and 0 otherwise', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.integer({ min: 0, max: 20 }), (a, b, tenths) => {
        const atLeast = tenths / 20;
        const plain = a.length + b.length === 0 ? 1 : 1 - levenshtein(a, b) / Math.max(a.length, b.length);
        assert.equal(similarity(a, b), plain);
        assert.equal(similarity(a, b, atLeast), plain >= atLeast ? plain : 0);
      }),
      { numRuns: 500 },
    );
  });
});
