/** The closest place shown for a block that matched nowhere: which lines, and how similar they are said to be. */
import assert from 'node:assert/strict';
import { closestCandidate, shown } from '../../../src/core/patch/match/closest';
import { FileView } from '../../../src/core/patch/match/fileView';
import type { Candidate } from '../../../src/core/patch/types';

const closest = (file: readonly string[], search: readonly string[]): Candidate | undefined => closestCandidate(new FileView(file), search);
const where = (c: Candidate | undefined): [number, number] | undefined => c && [c.startLine, c.endLine];

const L = (n: number): string => `const value${n} = compute(${n}, { retries: 3, timeoutMs: 250 });`;

describe('the closest place for a failed block', () => {
  it('is where most SEARCH lines are, with the similarity of its written lines', () => {
    const c = closest([L(0), L(1), L(2), 'other();', L(4), L(5)], [L(1), L(2), 'missing();', L(4)]);
    assert.deepEqual(where(c), [2, 5]);
    assert.equal(c?.text, [L(1), L(2), 'other();', L(4)].join('\n'));
    assert.ok(c && c.similarity > 0.9 && c.similarity < 1, `${c?.similarity}`);
  });

  it('leaves blank and `...` lines out of the comparison, on both sides', () => {
    const c = closest([L(0), '', L(1), L(2)], [L(0), L(1), '// ...', L(2), '']);
    assert.deepEqual([where(c), c?.similarity], [[1, 4], 1]);
  });

  it('has nothing to show for a SEARCH of only blank and `...` lines', () => {
    assert.equal(closest(['', '', ''], ['', '...', '  ']), undefined);
  });

  it('starts at the first line when SEARCH would begin above it', () => {
    const c = closest([L(1), L(2), L(9)], ['missing();', L(1), L(2)]);
    assert.deepEqual(where(c), [1, 2]);
  });

  it('of places with as many lines found, shows the earliest, unless a later one is more similar', () => {
    assert.deepEqual(where(closest([L(1), 'x', L(1), 'x'], [L(1), 'y'])), [1, 2]);
    assert.deepEqual(where(closest([L(1), 'x();', L(1), 'y();'], [L(1), 'y()'])), [3, 4]);
  });

  it('compares the five places with the most lines found', () => {
    // Five places have L(1) and L(2); a sixth, with L(1) only, is textually closer but not looked at.
    const file = [...[0, 1, 2, 3, 4].flatMap(() => [L(1), L(2), 'a']), L(1), 'b();'];
    const c = closest(file, [L(1), L(2), 'b();']);
    assert.deepEqual(where(c), [1, 3]);
  });

  it('says nothing when the best place is less than half similar', () => {
    assert.equal(closest(['}', 'completely();', 'different();'], ['}', 'something_else_entirely(1, 2, 3);', 'and_more(4, 5, 6);']), undefined);
  });

  it('compares very long texts by the share of SEARCH lines found instead of character by character', () => {
    // 20 lines joined make 2000 characters: 2000 × 2000 is still compared exactly, 2001 × 2001 is not.
    const long = (n: number, c = 'x'): string => `${String(n).padStart(2, '0')}${c.repeat(n === 0 ? 98 : 97)}`;
    const search = Array.from({ length: 20 }, (_, n) => long(n));
    const file = search.map((l, n) => (n === 7 ? long(7, 'y') : l));
    assert.equal(search.join('\n').length, 2000);
    assert.equal(closest(file, search)?.similarity, 1 - 97 / 2000);
    const longer = (lines: string[]): string[] => [...lines.slice(0, 19), `${lines[19]}z`];
    assert.equal(closest(longer(file), longer(search))?.similarity, 19 / 20);
  });

  describe('when no line of SEARCH is in the file', () => {
    it('slides SEARCH over the file and shows the most similar window', () => {
      const c = closest(['alpha();', 'const total = price * count;', 'return total;', 'omega();'], ['const total = price * amount;', 'return total + 0;']);
      assert.deepEqual([where(c), c?.text], [[2, 3], 'const total = price * count;\nreturn total;']);
    });
    it('keeps the first of equally similar windows, and ignores blank lines in them', () => {
      const c = closest(['ab1', '', 'ab2', 'zz'], ['ab3']);
      assert.deepEqual(where(c), [1, 1]);
      assert.equal(closest(['abcdefgh2', '', 'zz'], ['abcdefgh1', ''])?.similarity, 1 - 1 / 9);
    });
    it('shows nothing below half similarity', () => {
      assert.equal(closest(['abcdef'], ['uvwxyz']), undefined);
    });
    it('slides over files of up to 300,000 line-comparisons, not more', () => {
      const search = ['const total = price * amount;', 'return total + 0;', 'x'];
      const file = (n: number): string[] => [...new Array<string>(n - 2).fill('#'), 'const total = price * count;', 'return total;'];
      assert.deepEqual(where(closest(file(100_000), search)), [99_999, 100_000]);
      assert.equal(closest(file(100_001), search), undefined);
    });
  });

  describe('the lines shown', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`);
    it('are all of a window of up to 40 lines', () => {
      assert.equal(shown(lines, 2, 42), lines.slice(2, 42).join('\n'));
      assert.equal(shown(lines, 2, 5), 'line 3\nline 4\nline 5');
    });
    it('stop after 40 and say how many more there are', () => {
      assert.equal(shown(lines, 2, 45), `${lines.slice(2, 42).join('\n')}\n[... 3 more lines]`);
    });
  });
});
