/**
 * The fuzzy strategy's limits, each pinned where it bites: which windows are looked at, how many,
 * how overlapping windows become places, and how new lines get the file's indentation and characters.
 */
import assert from 'node:assert/strict';
import { applyTo } from './blockText';

const apply = applyTo('f.ts');

// Long, distinct lines: a one-word slip in one of them keeps a block well above the 90% bar.
const A = 'export function scheduleNightlyBackup(store: BackupStore, clock: Clock): Job {';
const B = '  const window = clock.nextWindow({ startHour: 2, endHour: 4, timezone: "UTC" });';
const C = '  const target = store.bucketFor(window.start, { region: "eu-west-1", tier: "cold" });';
const D = '  const job = new Job("nightly-backup", window, () => store.snapshotTo(target));';
const Z = '  return job.withRetries({ attempts: 3, backoffSeconds: 30, jitter: true });';
const slip = (l: string): string => l.replace('(', '( ');
const NEW = '  job.onFailure((error) => alert.page("backup failed", error));';

describe('fuzzy matching', () => {
  it('never matches a SEARCH of two lines fuzzily, even when both are in the file around a blank line', async () => {
    const r = await apply([A, '', Z], [A, Z], [A, Z, NEW]);
    assert.equal(r.kind, 'no_match');
  });

  it('matches a SEARCH of three lines fuzzily', async () => {
    const r = await apply([A, B, Z], [A, slip(B), Z], [A, slip(B), Z, NEW]);
    assert.deepEqual([r.status, r.strategy], ['applied', 'fuzzy']);
    assert.deepEqual(r.after, [A, B, Z, NEW]);
  });

  it('does not anchor on a blank first or last SEARCH line: the block matches without it, and says so', async () => {
    for (const [search, file] of [
      [['', A, slip(B), C, Z], ['', A, B, C, Z]],
      [[A, slip(B), C, Z, ''], [A, B, C, Z, '']],
    ]) {
      const r = await apply(file, search, search.map((l) => (l === C ? `${C} // checked` : l)));
      assert.deepEqual([r.status, r.strategy], ['applied', 'fuzzy'], r.reason ?? '');
      assert.ok(r.notes.some((n) => n.includes('ignored blank lines')), r.notes.join('; '));
    }
  });

  it('looks at windows at most one line longer than a short SEARCH (two lines longer is no match)', async () => {
    const search = [A, B, C, D, Z];
    const replace = [A, B, C, slip(D), Z];
    const one = await apply([A, B, '', C, D, Z], search, replace);
    assert.deepEqual([one.status, one.strategy], ['applied', 'fuzzy'], one.reason ?? '');
    assert.deepEqual(one.after, [A, B, '', C, slip(D), Z]);
    const two = await apply([A, B, '', '', C, D, Z], search, replace);
    assert.equal(two.kind, 'no_match');
  });

  it('allows a window one line shorter than a SEARCH of ten lines, not two', async () => {
    const search = [A, '', B, '', C, D, slip(D), slip(C), slip(B), Z];
    const replace = search.map((l) => (l === D ? `${D} // checked` : l));
    const one = await apply([A, B, '', C, D, slip(D), slip(C), slip(B), Z], search, replace);
    assert.deepEqual([one.status, one.strategy], ['applied', 'fuzzy'], one.reason ?? '');
    const two = await apply([A, B, C, D, slip(D), slip(C), slip(B), Z], search, replace);
    assert.equal(two.kind, 'no_match');
  });

  it('gives up (no match) rather than look at part of more than 2000 windows, and looks at all of 2000', async () => {
    // SEARCH starts and ends with `}`: each `}` of a run of n starts up to three windows of an allowed length.
    const search = ['}', A, B, C, '}'];
    const fileWith = (n: number): string[] => [...new Array<string>(n).fill('}'), '}', A, slip(B), C, '}'];
    const windows = (file: readonly string[]): number => {
      let count = 0;
      for (let p = 0; p < file.length; p++) for (let q = p + 3; q <= p + 5; q++) if (file[p] === '}' && file[q] === '}') count++;
      return count;
    };
    const at = fileWith(669);
    assert.equal(windows(at), 2000);
    const r = await apply(at, search, [...search.slice(0, -1), NEW, '}']);
    assert.deepEqual([r.status, r.strategy], ['applied', 'fuzzy'], r.reason ?? '');
    const over = fileWith(670);
    assert.ok(windows(over) > 2000);
    assert.equal((await apply(over, search, [...search.slice(0, -1), NEW, '}'])).kind, 'no_match');
  });

  it('of overlapping windows, uses the most similar one', async () => {
    // Windows from either `{` to `}`: both are above the bar, the second (without the repeated `{`) fits better.
    const r = await apply(['{', '{', B, C, D, '}'], ['{', B, C, slip(D), '}'], ['{', B, C, slip(D), NEW, '}']);
    assert.deepEqual([r.status, r.strategy, r.line], ['applied', 'fuzzy', 2], r.reason ?? '');
    assert.deepEqual(r.after, ['{', '{', B, C, D, NEW, '}']);
  });

  it('reports two places that touch but do not overlap as ambiguous, even when one is more similar', async () => {
    // The closer place first, and then second.
    for (const file of [
      [A, B, C, slip(D), Z, A, B, slip(C), slip(D), Z],
      [A, B, slip(C), slip(D), Z, A, B, C, slip(D), Z],
    ]) {
      const r = await apply(file, [A, B, C, D, Z], [A, B, C, D, NEW, Z]);
      assert.equal(r.kind, 'ambiguous', r.reason ?? '');
      assert.match(r.reason ?? '', /lines 1–5, lines 6–10/);
    }
  });

  it('counts each SEARCH line once when checking that half of them are in the file', async () => {
    // Only `{` and `}` are in the file as written (2 of 6); the window has `{` twice.
    const search = ['{', B, C, D, Z, '}'];
    const r = await apply(['{', '{', slip(B), slip(C), slip(D), slip(Z), '}'], search, [...search, NEW]);
    assert.equal(r.kind, 'no_match');
  });

  it('re-indents new lines by the shift between SEARCH and the file, with a misremembered line', async () => {
    const file = ['class Scheduler {', ...[A, B, C, D, Z, '}'].map((l) => `  ${l}`), '}'];
    const search = [A, slip(B), C, D, Z, '}'];
    const r = await apply(file, search, [A, slip(B), C, D, Z, NEW, '}']);
    assert.deepEqual([r.status, r.strategy], ['applied', 'fuzzy'], r.reason ?? '');
    assert.equal(r.after[6], `  ${NEW}`);
  });

  it('writes new lines with plain quotes when the model typed curly ones and the file has none there', async () => {
    const curly = (l: string): string => l.replace(/"([^"]*)"/g, '\u201c$1\u201d');
    const search = [A, slip(B), curly(C), D, Z];
    const replace = [A, slip(B), curly(C), D, curly(NEW), Z];
    const plain = await apply([A, B, C, D, Z], search, replace);
    assert.deepEqual([plain.status, plain.strategy], ['applied', 'fuzzy'], plain.reason ?? '');
    assert.equal(plain.after[4], NEW);
    // Curly quotes elsewhere in the file do not count: only the matched lines do.
    const elsewhere = await apply([curly(NEW), A, B, C, D, Z], search, replace);
    assert.equal(elsewhere.after[5], NEW);
    // Where the file itself has them, the model's characters are kept.
    const inFile = await apply([A, B, curly(C), D, Z], search, replace);
    assert.equal(inFile.after[4], curly(NEW));
  });
});
