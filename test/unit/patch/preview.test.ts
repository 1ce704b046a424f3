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
});
