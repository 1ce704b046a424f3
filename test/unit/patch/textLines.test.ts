/** Line endings under edits, checked against a plain model of a file as (line, terminator) pairs. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { joinLines, modelLines, replaceLines, splitLines } from '../../../src/core/patch/lineEndings';
import { isElision } from '../../../src/core/patch/match/normalize';

describe('text as lines', () => {
  const piece = fc.constantFrom('a', 'b', '\r', '\n', '\r\n', ' ');
  const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));

  it('splits any text into lines and terminators that join back to it', () => {
    fc.assert(
      fc.property(text, (t) => {
        const s = splitLines(t);
        assert.equal(joinLines(s), t);
        assert.equal(s.lines.length, s.eols.length);
        assert.ok(s.lines.every((l) => !l.includes('\n')));
      }),
      { numRuns: 500 },
    );
  });

  it('replaces lines like a list of (line, terminator) pairs, the last terminator staying last', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(3), fc.array(fc.constantFrom('x', 'y'), { maxLength: 3 }), (t, s, len, replacement) => {
        const before = splitLines(t);
        if (before.lines.length === 0) return;
        const start = s % before.lines.length;
        const end = Math.min(before.lines.length, start + len + 1);
        const pairs = before.lines.map((l, i) => [l, before.eols[i]] as const);
        const want = [...pairs.slice(0, start), ...replacement.map((l) => [l, before.eol] as const), ...pairs.slice(end)];
        if (end === before.lines.length && want.length > 0) want[want.length - 1] = [want[want.length - 1][0], before.eols[before.eols.length - 1]];
        assert.equal(joinLines(replaceLines(splitLines(t), start, end, replacement)), want.map(([l, e]) => l + e).join(''));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a carriage return that ends the text without a newline', () => {
    assert.deepEqual(splitLines('a\r'), { lines: ['a\r'], eols: [''], eol: '\n' });
  });

  it('gives new lines the ending of most terminated lines, LF on a tie', () => {
    assert.equal(splitLines('a\r\nb\r\nc\nd').eol, '\r\n');
    assert.equal(splitLines('a\r\nb\nc').eol, '\n');
    assert.equal(splitLines('a\r\n').eol, '\r\n');
  });

  it('edits a file of 100,000 lines in one go', () => {
    const big = splitLines(`${'x\n'.repeat(100_000)}`);
    const out = replaceLines(big, 1, 99_999, new Array<string>(200_000).fill('y'));
    assert.equal(out.lines.length, 200_002);
    assert.equal(out.eols.length, 200_002);
  });

  it('reads model text without a final newline as its lines', () => {
    assert.deepEqual(modelLines('a\nb'), ['a', 'b']);
    assert.deepEqual(modelLines('a\n\n'), ['a', '']);
  });
});

describe('what counts as a `...` line', () => {
  it('is `...` or `…` alone, or a comment that starts with one', () => {
    for (const l of ['...', '  \u2026  ', '// ... existing code ...', '//...', '# ...', '-- ...', '; ...', '/* ... */', '<!-- ... -->', '{/* ... */}']) {
      assert.ok(isElision(l), l);
    }
  });
  it('is not code or a comment that merely contains dots', () => {
    for (const l of ['...rest,', 'f(...args);', 'doThing(); // ... and more', '# .env settings', '// . not one', '// ..', 'x = 1 # ...', '....']) {
      assert.ok(!isElision(l), l);
    }
  });
});
