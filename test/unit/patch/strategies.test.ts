/** The line-for-line and elision strategies at their limits, and the characters they give new lines. */
import assert from 'node:assert/strict';
import { applyTo } from './blockText';

const apply = applyTo('f.txt');

const curly = (l: string): string => l.replace(/"([^"]*)"/g, '\u201c$1\u201d');
const A = 'export function scheduleNightlyBackup(store: BackupStore, clock: Clock): Job {';
const B = '  const window = clock.nextWindow({ startHour: 2, endHour: 4, timezone: "UTC" });';
const C = '  const target = store.bucketFor(window.start, { region: "eu-west-1", tier: "cold" });';
const Z = '}';
const NEW = '  log("scheduled");';

describe('line-for-line matching', () => {
  it("keeps REPLACE's typographic characters when neither SEARCH nor the file has any", async () => {
    const r = await apply([A, `${B}  `, Z], [A, B, Z], [A, B, curly(NEW), Z]);
    assert.deepEqual([r.strategy, r.after[2]], ['whitespace', curly(NEW)]);
  });

  it('writes new lines in plain ASCII when only some SEARCH lines had typographic characters the file lacks', async () => {
    const r = await apply([A, B, Z], [A, curly(B), Z], [A, curly(B), curly(NEW), Z]);
    assert.deepEqual([r.strategy, r.after], ['typography', [A, B, NEW, Z]]);
    // Typographic characters elsewhere in the file do not count, only those of the matched lines.
    const elsewhere = await apply([curly(C), A, B, Z], [A, curly(B), Z], [A, curly(B), curly(NEW), Z]);
    assert.equal(elsewhere.after[3], NEW);
  });

  it("keeps the model's characters when the matched lines have typographic characters themselves", async () => {
    const r = await apply([A, curly(C), B, Z], [A, C, curly(B), Z], [A, C, curly(B), curly(NEW), Z]);
    assert.deepEqual([r.strategy, r.after[3]], ['typography', curly(NEW)]);
  });

  it('checks up to 1999 look-alike places for the one whose indentation fits, and calls 2000 ambiguous', async () => {
    // One line fits by a shift; the others mix a space and a tab, which no indentation rule maps.
    const file = (n: number): string[] => ['  }', ...new Array<string>(n).fill(' \t}')];
    const fits = await apply(file(1998), ['   }'], ['   };']);
    assert.deepEqual([fits.status, fits.strategy, fits.after[0]], ['applied', 'indentation', '  };'], fits.reason ?? '');
    const many = await apply(file(1999), ['   }'], ['   };']);
    assert.equal(many.kind, 'ambiguous');
    assert.match(many.reason ?? '', /fits 5 places equally well \(line 1, line 2, line 3, line 4, line 5 \(and possibly more\)/);
  });
});

describe('elision matching', () => {
  it('finds nothing for a SEARCH of only `...` lines', async () => {
    const r = await apply([A, B, Z], ['// ...'], ['x']);
    assert.equal(r.kind, 'no_match');
  });

  it('does not anchor a run of only blank lines between `...` lines', async () => {
    const r = await apply([A, B, '', C, '', Z], [A, '// ...', '', '// ...', Z], [A, '// ...', '', '// ...', NEW, Z]);
    assert.equal(r.kind, 'no_match');
  });

  it('gives up on a run found 5000 times or more, rather than choose', async () => {
    const r = await apply(['function f() {', ...new Array<string>(5000).fill(Z)], ['function f() {', '  // ...', Z], ['function f() {', '  // ...', NEW, Z]);
    assert.equal(r.kind, 'no_match');
  });

  it('lets a `...` stand for no lines at all', async () => {
    const r = await apply([A, Z], [A, '  // ...', Z], [A, '  // ...', NEW, Z]);
    assert.deepEqual([r.status, r.strategy, r.after], ['applied', 'elision', [A, NEW, Z]], r.reason ?? '');
  });

  it('looks for each run only after the run before it, without overlapping it', async () => {
    const before = await apply([B, A, C, B], [A, '  // ...', B], [A, '  // ...', B, NEW]);
    assert.deepEqual([before.status, before.line, before.after], ['applied', 2, [B, A, C, B, NEW]], before.reason ?? '');
    const overlapping = await apply([A, B, C], [A, B, '  // ...', B, C], [A, B, '  // ...', B, NEW, C]);
    assert.equal(overlapping.kind, 'no_match');
  });

  it('uses one indentation rule for all the runs', async () => {
    // The file's A is two spaces in: only the B four spaces in (not the one at none) shares that shift.
    const file = [`  ${A}`, C, B.trim(), C, `    ${B.trim()}`, Z];
    const r = await apply(file, [A, '  // ...', B], [A, '  // ...', B, NEW]);
    assert.deepEqual([r.status, r.line, r.after], ['applied', 1, [...file.slice(0, 5), `  ${NEW}`, Z]], r.reason ?? '');
  });

  it('keeps what a `...` stands for, in the middle and at either end of SEARCH', async () => {
    const file = [A, B, C, NEW, Z];
    assert.deepEqual((await apply(file, [A, '  // ...', NEW], [A, '  // ...', curly(NEW)])).after, [A, B, C, curly(NEW), Z]);
    assert.deepEqual((await apply(file, [A, B, '  // ...'], [A, `${B} // checked`, '  // ...'])).after, [A, `${B} // checked`, C, NEW, Z]);
    assert.deepEqual((await apply(file, ['  // ...', NEW, Z], ['  // ...', Z])).after, [A, B, C, Z]);
  });

  it('finds the lines of one run next to each other, not spread over the file', async () => {
    const r = await apply([A, C, B, C, Z], [A, B, '  // ...', Z], [A, B, '  // ...', NEW, Z]);
    assert.equal(r.kind, 'no_match');
  });

  it('anchors a run that has a blank line among written ones', async () => {
    const r = await apply([A, '', B, C, Z], [A, '', B, '  // ...', Z], [A, '', B, '  // ...', NEW, Z]);
    assert.deepEqual([r.status, r.strategy, r.after], ['applied', 'elision', [A, '', B, C, NEW, Z]], r.reason ?? '');
  });

  it('judges typographic characters by the written lines only: not the `\u2026` line, and not the lines it stands for', async () => {
    // The model's only typographic character is the ellipsis of the `…` line: new lines keep their quotes.
    const ellipsis = await apply([A, B, Z], [A, '  \u2026', Z], [A, '  \u2026', curly(NEW), Z]);
    assert.deepEqual([ellipsis.strategy, ellipsis.after[2]], ['elision', curly(NEW)]);
    // Curly quotes typed in the first run, none in the file's matched lines (only in one a `...` stands for).
    const gap = await apply([B, curly(C), Z], [curly(B), '  // ...', Z], [curly(B), '  // ...', curly(NEW), Z]);
    assert.deepEqual([gap.strategy, gap.after], ['elision', [B, curly(C), NEW, Z]]);
  });

  it('writes new lines in plain ASCII when the model typed typographic characters the matched lines lack', async () => {
    const plain = await apply([A, B, C, Z], [A, '  // ...', curly(C), Z], [A, '  // ...', curly(C), curly(NEW), Z]);
    assert.deepEqual([plain.strategy, plain.after[3]], ['elision', NEW]);
    const typographic = await apply([A, B, curly(C), Z], [A, '  // ...', curly(C), Z], [A, '  // ...', curly(C), curly(NEW), Z]);
    assert.equal(typographic.after[3], curly(NEW));
  });

  describe('the bound on arrangements tried', () => {
    // SEARCH has four runs; a `b` and a `c` at two spaces fit `a` but leave no rule that fits `d`,
    // so each such pair is a dead end; only the `b` and `c` at four spaces (2 to 4 per level) fit.
    const search = ['a', '...', '  b', '...', '  c', '...', '    d'];
    const replace = ['a', '...', '  b', '...', '  c', '...', '    d', '    e'];
    const dead = (b: number, c: number): string[] => [...new Array<string>(b).fill('  b'), ...new Array<string>(c).fill('  c')];
    it('tries 20,000 arrangements, the last of which fits', async () => {
      const r = await apply(['a', ...dead(129, 154), '    b', '    c', '        d'], search, replace);
      assert.deepEqual([r.status, r.strategy, r.after.at(-1)], ['applied', 'elision', '        e'], r.reason ?? '');
    });
    it('gives up past 20,000, even after finding one that fits', async () => {
      assert.equal((await apply(['a', ...dead(4, 4998), '    b', '    c', '        d'], search, replace)).kind, 'no_match');
      assert.equal((await apply(['a', '    b', '    c', ...dead(4, 4998), '        d'], search, replace)).kind, 'no_match');
    });
  });
});
