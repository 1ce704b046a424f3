import assert from 'node:assert/strict';
import { checkPatchPath } from '../../../src/core/blocks/safePath';

describe('checkPatchPath', () => {
  it('normalises harmless spellings of a relative path', () => {
    const cases: Array<[string, string]> = [
      ['src/a.ts', 'src/a.ts'],
      ['./src/a.ts', 'src/a.ts'],
      ['src//a.ts', 'src/a.ts'],
      ['src\\a.ts', 'src/a.ts'],
      ['src/./a.ts', 'src/a.ts'],
      ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
      ['.gitignore', '.gitignore'],
      ['app/[slug]/page.tsx', 'app/[slug]/page.tsx'],
    ];
    for (const [raw, want] of cases) assert.deepEqual(checkPatchPath(raw), { ok: true, path: want }, raw);
  });

  it('refuses paths that leave the workspace or touch protected folders', () => {
    const refused = [
      '',
      '/etc/passwd',
      '\\\\server\\share\\x',
      'C:\\x.txt',
      'c:x.txt',
      '~/x',
      '..',
      '../x',
      'a/../../x',
      'a/../b',
      '.git/config',
      'sub/.git/HEAD',
      '.GIT/config',
      '.git./config',
      '.factory/config.json',
      'x/.Factory/runs/1/journal.jsonl',
      'src/',
      '.',
      'a\u0000b',
      'a\nb',
    ];
    for (const raw of refused) {
      const r = checkPatchPath(raw);
      assert.equal(r.ok, false, JSON.stringify(raw));
      if (!r.ok) assert.ok(r.reason.length > 10);
    }
  });
});
