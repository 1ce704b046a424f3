import assert from 'node:assert/strict';
import { languageOf } from '../../../src/core/codemap/languages';
import { isTestFile } from '../../../src/core/codemap/testFiles';

describe('the language and test status of a path', () => {
  it('goes by the ending of the file name, in any case, never by a folder name or an object property', () => {
    const cases: Array<[string, string]> = [
      ['src/app.ts', 'typescript'], ['SRC/App.TSX', 'tsx'], ['lib/x.MJS', 'javascript'], ['a.b/c.py', 'python'],
      ['pkg.go/README', 'other'], ['dir.rs/Makefile', 'make'], ['Dockerfile', 'dockerfile'], ['.gitignore', 'other'],
      ['src/.eslintrc.js', 'javascript'], ['src/.js', 'other'], ['notes.constructor', 'other'], ['x.toString', 'other'], ['a.__proto__', 'other'],
    ];
    for (const [path, want] of cases) assert.equal(languageOf(path), want, path);
  });

  it('a test file is a source file named or placed as a test, never data under a test folder', () => {
    const cases: Array<[string, boolean]> = [
      ['src/a.test.ts', true], ['pkg/x_test.go', true], ['tests/test_api.py', true], ['test/helpers.js', true],
      ['src/test.d/x.ts', false], ['a.test.dir/readme.md', false], ['test/fixtures/app.js', false], ['tests/data.json', false], ['src/main.ts', false],
    ];
    for (const [path, want] of cases) assert.equal(isTestFile(path), want, path);
  });
});
