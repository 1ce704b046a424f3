import assert from 'node:assert/strict';
import { previewChanges } from '../../../src/core/patch/preview';

describe('preview', () => {
  it('shows changes as unified diffs with a/ and b/ paths, new files from /dev/null', () => {
    const text = previewChanges([
      { path: 'src/a.ts', before: 'one\ntwo\nthree\n', after: 'one\n2\nthree\n' },
      { path: 'new.md', before: null, after: '# New\n' },
    ]);
    assert.equal(
      text,
      [
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -1,3 +1,3 @@',
        ' one',
        '-two',
        '+2',
        ' three',
        '--- /dev/null',
        '+++ b/new.md',
        '@@ -0,0 +1,1 @@',
        '+# New',
        '',
      ].join('\n'),
    );
  });

  it('shows as many lines of context as asked', () => {
    const change = { path: 'a.txt', before: 'one\ntwo\nthree\nfour\nfive\n', after: 'one\ntwo\n3\nfour\nfive\n' };
    assert.equal(previewChanges([change], 1), ['--- a/a.txt', '+++ b/a.txt', '@@ -2,3 +2,3 @@', ' two', '-three', '+3', ' four', ''].join('\n'));
  });
});
