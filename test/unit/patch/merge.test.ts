/** How a found place becomes the file's new lines: what is kept, what REPLACE writes, and when it stops rather than guess. */
import assert from 'node:assert/strict';
import { applyTo } from './blockText';

const apply = applyTo('f.py');

const A = 'def schedule_nightly_backup(store, clock, region="eu-west-1", tier="cold"):';
const B = '    window = clock.next_window(start_hour=2, end_hour=4, timezone="UTC")';
const C = '    target = store.bucket_for(window.start, region=region, tier=tier)';
const D = '    job = Job("nightly-backup", window, lambda: store.snapshot_to(target))';
const Z = '    return job.with_retries(attempts=3, backoff_seconds=30, jitter=True)';
const NEW = '    job.on_failure(lambda error: alert.page("backup failed", error))';

describe('merging REPLACE into the file', () => {
  it('writes REPLACE exactly as given for an exact match, trailing whitespace included', async () => {
    const r = await apply(['a()  ', 'b()'], ['a()  ', 'b()'], ['a()', 'b()']);
    assert.deepEqual([r.strategy, r.after], ['exact', ['a()', 'b()']]);
  });

  it('reads `...` as code, not an elision, when the place was found without elisions', async () => {
    const r = await apply(['def stub():', '    pass  '], ['def stub():', '    pass'], ['def stub():', '    ...']);
    assert.deepEqual([r.status, r.strategy, r.after], ['applied', 'whitespace', ['def stub():', '    ...']], r.reason ?? '');
  });

  it('removes the first SEARCH line of a tolerant match when REPLACE leaves it out', async () => {
    const r = await apply(['x()  ', 'y()'], ['x()', 'y()'], ['y()']);
    assert.deepEqual([r.strategy, r.after], ['whitespace', ['y()']]);
  });

  it('lets REPLACE drop a repeated `...` line that stands for no lines', async () => {
    const r = await apply([A, B, C, Z], [A, '...', '...', Z], [A, '...', NEW]);
    assert.deepEqual([r.status, r.strategy, r.after], ['applied', 'elision', [A, B, C, NEW]], r.reason ?? '');
  });

  it('lets REPLACE remove a blank line that SEARCH imagined, as it holds nothing to lose', async () => {
    const r = await apply([A, B, C, D, Z], [A, B, '', C, D, Z], [A, B, C, D, NEW, Z]);
    assert.deepEqual([r.status, r.strategy, r.after], ['applied', 'fuzzy', [A, B, C, D, NEW, Z]], r.reason ?? '');
  });

  it('refuses to remove a blank SEARCH line that stands for a file line with text', async () => {
    const r = await apply([A, B, '    log()', C, D, Z], [A, B, '', C, D, Z], [A, B, C, D, Z]);
    assert.equal(r.kind, 'needs_guess');
    assert.match(r.reason ?? '', /REPLACE changes or removes SEARCH line 3 \(``\) where the file's line 3 reads `log\(\)`/);
  });

  it('keeps a file line that stands where SEARCH imagined two others', async () => {
    const search = [A, B, '    x1()', '    x2()', C, D, Z];
    const r = await apply([A, B, '    u()', C, D, Z], search, [...search, NEW]);
    assert.deepEqual([r.status, r.strategy, r.after], ['applied', 'fuzzy', [A, B, '    u()', C, D, Z, NEW]], r.reason ?? '');
  });

  it('refuses when the place found ends with a file line after the last SEARCH line', async () => {
    // The window is lines 2–4; the diff pairs SEARCH's last line with line 3, leaving line 4 over.
    const I = '    if user.is_admin and token.valid:';
    const r = await apply([A, A, I, I], [A, `${I} # checked`, I], [A, `${I} # checked`]);
    assert.equal(r.kind, 'needs_guess', r.reason ?? '');
    assert.match(r.reason ?? '', /line 4 of the file is not in SEARCH and sits right next to lines that REPLACE changes/);
  });

  describe('a file line that SEARCH does not show', () => {
    const file = [A, B, '    log()', C, D, Z];
    const search = [A, B, C, D, Z];
    it('stays where it is between lines REPLACE keeps', async () => {
      const r = await apply(file, search, [A, B, C, D, Z, NEW]);
      assert.deepEqual([r.status, r.strategy, r.after], ['applied', 'fuzzy', [...file, NEW]], r.reason ?? '');
    });
    for (const [what, replace] of [
      ['a new line goes next to it', [A, B, NEW, C, D, Z]],
      ['the line before it is removed', [A, C, D, Z]],
      ['the line after it is removed', [A, B, D, Z]],
    ] as const) {
      it(`makes the block fail when ${what}`, async () => {
        const r = await apply(file, search, replace);
        assert.equal(r.kind, 'needs_guess');
        assert.match(r.reason ?? '', /line 3 of the file is not in SEARCH and sits right next to lines that REPLACE changes, so where they belong in the result would be a guess/);
      });
    }
    it('names all of several such lines', async () => {
      // Twenty lines, so that a window two lines longer than SEARCH is looked at.
      const steps = Array.from({ length: 18 }, (_, i) => `    step_${i} = run_step(${i}, retries=3, timeout_seconds=30)`);
      const r = await apply([A, B, '    log()', '    log()', ...steps], [A, B, ...steps], [A, ...steps]);
      assert.match(r.reason ?? '', /lines 3–4 of the file are not in SEARCH and sit right next to lines that REPLACE changes/);
    });
  });
});
