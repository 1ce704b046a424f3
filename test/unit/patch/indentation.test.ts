/** Indentation rules: a shift by a prefix, or one unit for another; and what a failure says when neither fits. */
import assert from 'node:assert/strict';
import { applyTo } from './blockText';

const apply = applyTo('f.py');

describe('indentation', () => {
  describe('shifted as a whole', () => {
    it('ignores blank lines, even ones of whitespace, when working out the shift', async () => {
      const r = await apply(['def f():', '    a()', '        ', '    b()'], ['a()', '', 'b()'], ['a()', '', 'b()', 'c()']);
      assert.deepEqual([r.status, r.strategy, r.after.at(-1), r.notes], ['applied', 'indentation', '    c()', ['re-indented new lines: added "    "']]);
    });

    it('adds or removes a leading prefix of tabs before alignment spaces', async () => {
      const added = await apply(['\t  a()', '\t  b()'], ['  a()', '  b()'], ['  a()', '  b()', '  c()']);
      assert.deepEqual([added.after.at(-1), added.notes], ['\t  c()', ['re-indented new lines: added "\\t"']]);
      const removed = await apply(['  a()', '  b()'], ['\t  a()', '\t  b()'], ['\t  a()', '\t  b()', '\t  c()']);
      assert.deepEqual([removed.after.at(-1), removed.notes], ['  c()', ['re-indented new lines: removed "\\t"']]);
    });

    it('refuses a new line indented less than the prefix it would lose', async () => {
      const r = await apply(['a()', 'b()'], ['    a()', '    b()'], ['    a()', '  c()', '    b()']);
      assert.equal(r.kind, 'needs_guess');
      assert.match(r.reason ?? '', /the REPLACE line "c\(\)" is indented less than the shift between SEARCH and the file, so its indentation would be a guess/);
    });
  });

  describe('another unit', () => {
    it('maps 2 spaces per level onto 4 when the levels are not a shift of each other', async () => {
      const r = await apply(['def f():', '    return 1'], ['def f():', '  return 1'], ['def f():', '  x = 2', '  if x:', '    return x', '  return 1']);
      assert.deepEqual(r.after, ['def f():', '    x = 2', '    if x:', '        return x', '    return 1']);
    });

    it('maps two different prefixes by their unit, not by either prefix', async () => {
      const r = await apply(['class A:', '    def f(self):', '        return 1'], ['  def f(self):', '    return 1'], ['  def f(self):', '    if self:', '      return 2', '    return 1']);
      assert.deepEqual(r.after, ['class A:', '    def f(self):', '        if self:', '            return 2', '        return 1']);
    });

    it('maps a SEARCH that starts deeper than it ends', async () => {
      const r = await apply(['\t\tb()', '\ta()'], ['    b()', 'a()'], ['    b()', '    c()', 'a()']);
      assert.deepEqual([r.status, r.after], ['applied', ['\t\tb()', '\t\tc()', '\ta()']], r.reason ?? '');
    });

    it('names the units by the closest two levels, wherever they are', async () => {
      const s = await apply(['a', '\tb', '\t\t\tc'], ['a', '    b', '            c'], ['a', '    b', '        x', '            c']);
      assert.deepEqual([s.after[2], s.notes], ['\t\tx', ['re-indented new lines: 4 spaces per level in SEARCH are 1 tab in the file (no indentation in SEARCH is no indentation in the file)']]);
    });

    it('names the units by the closest two levels', async () => {
      const file = ['a', '\t\tb', '\t\t\tc'];
      const r = await apply(file, ['a', '        b', '            c'], ['a', '        b', '            c', '    d']);
      assert.deepEqual(r.after.at(-1), '\td');
      assert.deepEqual(r.notes, ['re-indented new lines: 4 spaces per level in SEARCH are 1 tab in the file (no indentation in SEARCH is no indentation in the file)']);
    });

    it('maps a new line down to no indentation, but not below it', async () => {
      const file = ['\tif a:', '\t\tb()'];
      const atZero = await apply(file, ['    if a:', '        b()'], ['c()', '    if a:', '        b()']);
      assert.deepEqual(atZero.after, ['c()', ...file]);
      const below = await apply(['\tif a:', '\t\tb()'], ['        if a:', '            b()'], ['c()', '        if a:', '            b()']);
      assert.equal(below.kind, 'needs_guess');
      assert.match(below.reason ?? '', /the REPLACE line "c\(\)" is indented no indentation, less than the rule SEARCH shows can map \(4 spaces per level in SEARCH are 1 tab in the file; 8 spaces in SEARCH is 1 tab in the file\)/);
    });

    it('refuses a new line indented with the other character even where its width would map', async () => {
      const r = await apply(['if a:', '    b()'], ['if a:', '  b()'], ['if a:', '  b()', '\t\tc()']);
      assert.match(r.reason ?? '', /the REPLACE line "c\(\)" is indented with tabs where SEARCH uses spaces/);
      const mixed = await apply(['if a:', '    b()'], ['if a:', '  b()'], ['if a:', '  b()', '  \tc()']);
      assert.match(mixed.reason ?? '', /the REPLACE line "c\(\)" is indented with tabs where SEARCH uses spaces/);
    });

    it('tells a new line below no indentation from one between levels', async () => {
      // 4 spaces per level in SEARCH are 2 in the file, SEARCH's 4 being the file's 1.
      const file = [' if a:', '   b()'];
      const search = ['    if a:', '        b()'];
      const below = await apply(file, search, [' c()', ...search]);
      assert.match(below.reason ?? '', /the REPLACE line "c\(\)" is indented 1 space, less than the rule SEARCH shows can map/);
      const between = await apply(['\t\tif a:', '\t\t\tb()'], ['        if a:', '            b()'], ['  c()', '        if a:', '            b()']);
      assert.match(between.reason ?? '', /the REPLACE line "c\(\)" is indented 2 spaces, which does not come out as whole tabs/);
    });

    it('refuses a new line indented with the other character, or between the levels', async () => {
      const file = ['if a:', '  b()'];
      const tab = await apply(file, ['if a:', '    b()'], ['if a:', '    b()', '\tc()']);
      assert.match(tab.reason ?? '', /the REPLACE line "c\(\)" is indented with tabs where SEARCH uses spaces/);
      const between = await apply(file, ['if a:', '    b()'], ['if a:', '    b()', '     c()']);
      assert.match(between.reason ?? '', /is indented 5 spaces, which does not come out as whole spaces by the rule SEARCH shows \(4 spaces per level in SEARCH are 2 spaces in the file; no indentation in SEARCH is no indentation in the file\)/);
    });
  });

  describe('when no rule maps SEARCH onto the file', () => {
    const fails = async (file: readonly string[], search: readonly string[]): Promise<string> => {
      const r = await apply(file, search, search);
      assert.equal(r.kind, 'no_match');
      return r.reason ?? '';
    };
    it('names SEARCH lines indented with different characters', async () => {
      assert.match(await fails(['if a:', '  b()', '  c()'], ['if a:', '\tb()', '    c()']), /SEARCH line 2 is indented with tabs and line 3 with spaces/);
      assert.match(await fails(['if a:', '  b()'], ['if a:', '\t  b()']), /SEARCH line 2 mixes tabs and spaces in its indentation/);
    });
    it("names the file's lines indented with different characters", async () => {
      assert.match(await fails(['if a:', '\tb()', '    c()'], ['if a:', '  b()', '  c()']), /the file's line 2 is indented with tabs and line 3 with spaces/);
    });
    it('names the first of the lines indented alike', async () => {
      assert.match(
        await fails(['if a:', '\tb()', '\tc()', '\t\td()'], ['if a:', '  b()', '  c()', '  d()']),
        /SEARCH lines 2 and 4 are indented alike \(2 spaces\) where the file's lines 2 and 4 are not \(1 tab and 2 tabs\)/,
      );
    });
    it('names lines indented alike on one side and not on the other', async () => {
      assert.match(
        await fails(['if a:', '\tb()', '\t\tc()'], ['if a:', '  b()', '  c()']),
        /SEARCH lines 2 and 3 are indented alike \(2 spaces\) where the file's lines 2 and 3 are not \(1 tab and 2 tabs\)/,
      );
    });
    it('names lines whose order of depth differs', async () => {
      assert.match(
        await fails(['if a:', '\t\tb()', '\tc()'], ['if a:', '  b()', '    c()']),
        /SEARCH line 3 is indented deeper than line 2 \(4 spaces against 2 spaces\) where the file's line 3 is not deeper than line 2 \(1 tab against 2 tabs\)/,
      );
    });
    it('names three levels that no one unit maps', async () => {
      assert.match(
        await fails(['a', '\tb', '\t\t\tc'], ['a', '  b', '    c']),
        /SEARCH lines 1, 2 and 3 are indented no indentation, 2 spaces and 4 spaces where the file's lines 1, 2 and 3 have no indentation, 1 tab and 3 tabs, so no one unit of SEARCH's stands for one of the file's/,
      );
    });
  });
});
