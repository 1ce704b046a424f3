// The files a failure points at, read from real runners' output shapes: UPDATE shows them beside a
// regression so the implementer can read the old test that broke.
import assert from 'node:assert/strict';
import { filesNamedIn } from '../../../../src/core/pipeline/waves/namedFiles';

const ROOT = '/work/project';

describe('filesNamedIn: the project files a failure output points at', () => {
  it('reads TAP locations, stack frames (paths and file:// URLs), pytest node ids and jest headers, relative to the root, each once', () => {
    const out = [
      "not ok 1 - wordCounts counts each word",
      "  location: '/work/project/test/index.test.js:5:1'",
      '    TestContext.<anonymous> (file:///work/project/test/index.test.js:6:24)',
      '    at wordCounts (/work/project/src/count.js:12:9)',
      'FAILED tests/test_greet.py::test_greets - AssertionError',
      ' FAIL  src/greet.test.ts',
      '      at Object.<anonymous> (lib/helpers.mjs:3:1)',
    ].join('\n');
    assert.deepEqual(filesNamedIn(out, ROOT), ['test/index.test.js', 'src/count.js', 'tests/test_greet.py', 'src/greet.test.ts', 'lib/helpers.mjs']);
  });

  it('never a file outside the root, under node_modules, inside .git, or the runtime\'s own frames', () => {
    const out = [
      '    at Module._compile (node:internal/modules/cjs/loader.js:1105:14)',
      '    at run (/usr/lib/node_modules/npm/lib/cli.js:1:1)',
      "  location: '/work/other/test/x.test.js:1:1'",
      '    at x (/work/project/node_modules/chai/lib/assert.js:20:3)',
      '    at y (../outside/secret.js:1:1)',
      '    at z (/work/project/.git/hooks/pre-commit.js:1:1)',
      'npm ERR! code ELIFECYCLE',
      'expected 1.5 to equal 2.5',
    ].join('\n');
    assert.deepEqual(filesNamedIn(out, ROOT), []);
  });
});
