import assert from 'node:assert/strict';
import { readRed } from '../../../src/core/exec';
import { fixture } from './fixtures';

describe('readRed', () => {
  const failing: Array<[string, number, number]> = [
    ['node-tap-slug', 2, 2],
    ['node-spec-slug', 2, 2],
    ['node-tap-typeerr', 1, 0],
    ['mocha-slug', 2, 1],
    ['jest-slug', 2, 1],
    ['vitest-slug', 2, 1],
    ['pytest-slug', 2, 1],
  ];
  for (const [name, failed, passed] of failing) {
    it(`${name}: tests ran and failed (${failed} failed, ${passed} passed)`, () => {
      assert.deepEqual(readRed(fixture(name), 1), { kind: 'tests_failed', failed, passed });
    });
  }

  const syntax = ['node-tap-syntax', 'node-spec-syntax', 'node-spec-esm-syntax', 'mocha-syntax', 'jest-syntax', 'vitest-syntax', 'pytest-syntax'];
  for (const name of syntax) {
    it(`${name}: a syntax error in the test file did not load (not a RED)`, () => {
      const red = readRed(fixture(name), name.startsWith('pytest') ? 2 : 1);
      assert.equal(red.kind, 'did_not_load', JSON.stringify(red));
      assert.ok(red.kind === 'did_not_load');
      assert.equal(red.cause, 'syntax_error', red.why);
      assert.match(red.why, /syntax error/);
    });
  }

  const missing: Array<[string, string]> = [
    ['node-tap-missing', '../src/slugify'],
    ['node-spec-missing', '../src/slugify'],
    ['node-spec-missingpkg', 'chai-not-installed'],
    ['node-spec-esm-missing', '/home/dev/src/slugify.js'],
    ['mocha-missing', '../src/slugify'],
    ['jest-missing', '../src/slugify'],
    ['vitest-missing', '../src/slugify.js'],
    ['pytest-missing', 'slugify_impl'],
  ];
  for (const [name, module] of missing) {
    it(`${name}: a module not found did not load, naming the module`, () => {
      const red = readRed(fixture(name), 1);
      assert.deepEqual(red, { kind: 'did_not_load', cause: 'missing_module', module, why: `a test file could not load: module ${module} was not found` });
    });
  }

  it('an ESM import of a name the module does not export did not load, naming both', () => {
    const red = readRed(fixture('node-spec-esm-noexport'), 1);
    assert.deepEqual(red, { kind: 'did_not_load', cause: 'missing_export', module: './slug.mjs', why: 'the test imports nothere, which ./slug.mjs does not export' });
  });

  for (const name of ['node-tap-empty', 'node-spec-empty', 'mocha-empty', 'jest-empty', 'vitest-empty', 'pytest-empty']) {
    it(`${name}: no tests`, () => {
      const code = name.startsWith('node') || name.startsWith('mocha') ? 0 : name.startsWith('pytest') ? 5 : 1;
      assert.deepEqual(readRed(fixture(name), code), { kind: 'no_tests' });
    });
  }

  it('a file that did not load wins over other files whose tests failed', () => {
    const red = readRed(fixture('node-spec-slug') + '\n' + fixture('node-spec-syntax'), 1);
    assert.equal(red.kind, 'did_not_load');
  });

  it('a test that fails by throwing a SyntaxError (JSON.parse) is a test that ran and failed', () => {
    const out = fixture('node-tap-typeerr').replace("error: 'slugify is not a function'", "error: 'Unexpected token } in JSON at position 3'").replace("name: 'TypeError'", "name: 'SyntaxError'");
    assert.deepEqual(readRed(out, 1), { kind: 'tests_failed', failed: 1, passed: 0 });
  });

  it('tests that all passed are not a RED', () => {
    assert.deepEqual(readRed('TAP version 13\nok 1 - works\n1..1\n# tests 1\n# suites 0\n# pass 1\n# fail 0\n', 0), { kind: 'tests_passed', passed: 1 });
    assert.deepEqual(readRed('3 passed, 0 failed\n', 1), { kind: 'tests_passed', passed: 3 });
  });

  it('reads colored output and the plain closing line', () => {
    assert.deepEqual(readRed('\u001b[31m✖ x\u001b[39m\nunit: 4 passed, 1 failed\n', 1), { kind: 'tests_failed', failed: 1, passed: 4 });
  });

  it('unknown when the output cannot be read, or the run did not finish', () => {
    assert.deepEqual(readRed('make: *** [all] Error 2\n', 2), { kind: 'unknown' });
    assert.deepEqual(readRed('', 1), { kind: 'unknown' });
    assert.deepEqual(readRed(fixture('node-tap-slug'), null), { kind: 'unknown' });
  });
});
