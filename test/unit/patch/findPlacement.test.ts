/** The ladder's bookkeeping: readings with and without blank edges, places counted once, the order they are reported in. */
import assert from 'node:assert/strict';
import { applyTo } from './blockText';

const apply = applyTo('f.ts');

describe('finding the place', () => {
  it('notes nothing for a match that needed only trailing whitespace forgiven', async () => {
    const r = await apply(['a();', 'foo();', 'b();'], ['foo();  '], ['bar();']);
    assert.deepEqual([r.status, r.strategy, r.notes], ['applied', 'whitespace', []]);
  });

  it('counts a place once when SEARCH fits it both with and without its blank edge lines', async () => {
    const r = await apply(['x();', '', '  foo();', '', 'y();'], ['', 'foo();', ''], ['', 'bar();', '']);
    assert.deepEqual([r.status, r.strategy, r.notes.filter((n) => n.includes('blank'))], ['applied', 'indentation', []], r.reason ?? '');
    assert.deepEqual(r.after, ['x();', '', '  bar();', '', 'y();']);
  });

  it('reports ambiguous places in file order, whichever tolerance found them', async () => {
    const r = await apply(['  a();', '  b();', 'z();', 'a(); ', 'b();'], ['a();', 'b();'], ['a();']);
    assert.equal(r.kind, 'ambiguous');
    assert.match(r.reason ?? '', /fits 2 places equally well \(lines 1–2, lines 4–5, by match with indentation shifted or in another unit or match ignoring whitespace at line ends\)/);
  });

  it('names at most five of many ambiguous places, found by several tolerances', async () => {
    const file = [...new Array<string>(3).fill('  foo();'), ...new Array<string>(7).fill('foo(); ')];
    const r = await apply(file, ['foo();'], ['bar();']);
    assert.equal(r.kind, 'ambiguous');
    assert.match(r.reason ?? '', /fits 5 places equally well \(line 1, line 2, line 3, line 4, line 5 \(and possibly more\)/);
  });

  describe('blank lines at the edges of SEARCH that the file does not have', () => {
    const file = ['x();', 'foo();', 'y();'];
    it('takes off as many leading blank lines from REPLACE as SEARCH had, keeping the rest', async () => {
      const r = await apply(file, ['', 'foo();'], ['', '', 'bar();']);
      assert.deepEqual([r.status, r.strategy], ['applied', 'whitespace']);
      assert.ok(r.notes.some((n) => n.includes('ignored blank lines at the edges of SEARCH')));
      assert.deepEqual(r.after, ['x();', '', 'bar();', 'y();']);
    });
    it('takes off as many trailing blank lines from REPLACE as SEARCH had, keeping the rest', async () => {
      const r = await apply(file, ['foo();', ''], ['bar();', '', '']);
      assert.deepEqual(r.after, ['x();', 'bar();', '', 'y();']);
    });
    it("keeps REPLACE's trailing blank line when SEARCH had a blank line only at its start", async () => {
      const r = await apply(file, ['', 'foo();'], ['bar();', '']);
      assert.deepEqual(r.after, ['x();', 'bar();', '', 'y();']);
    });
    it('deletes the lines when REPLACE is only blank lines, fewer than SEARCH had at either edge', async () => {
      assert.deepEqual((await apply(file, ['', '', 'foo();'], [''])).after, ['x();', 'y();']);
      assert.deepEqual((await apply(file, ['foo();', '', ''], [''])).after, ['x();', 'y();']);
    });
  });
});
