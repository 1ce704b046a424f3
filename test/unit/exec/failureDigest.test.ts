import assert from 'node:assert/strict';
import fc from 'fast-check';
import { failureDigest } from '../../../src/core/exec';
import { fixture } from './fixtures';

/** Each runner's output of the same project: 'lowercases' passes; the other two fail. */
const runs: Array<[string, RegExp[]]> = [
  ['node-tap-slug', [/strips punctuation/, /folds accents/, /'hello,-world!'/, /'crème-brûlée'/, /slug\.test\.js:5:43/, /# fail 2/]],
  ['node-spec-slug', [/strips punctuation/, /folds accents/, /'hello,-world!'/, /'crème-brûlée'/, /slug\.test\.js:5:43/, /ℹ fail 2/]],
  ['mocha-slug', [/strips punctuation/, /folds accents/, /'hello,-world!'/, /a: 'crème'/, /slug\.test\.js:5:43/, /2 failing/]],
  ['jest-slug', [/strips punctuation/, /folds accents/, /Received: "hello,-world!"/, /"a": "crème"/, /slug\.test\.js:5:66/, /Tests: +2 failed, 1 passed, 3 total/]],
  ['vitest-slug', [/strips punctuation/, /folds accents/, /expected 'hello,-world!' to be 'hello-world'/, /slug\.test\.js:5:66/, /Tests {2}2 failed \| 1 passed \(3\)/]],
  ['pytest-slug', [/test_strips_punctuation/, /test_folds_accents/, /assert 'hello,-world!' == 'hello-world'/, /test_slug\.py:7: AssertionError/, /2 failed, 1 passed/]],
];

describe('failureDigest', () => {
  for (const [name, wanted] of runs) {
    it(`${name}: keeps the failures, their messages, where they are and the summary; drops passing tests and runner internals`, () => {
      const full = fixture(name);
      const digest = failureDigest(full);
      for (const w of wanted) assert.match(digest, w, `${name}: lost ${w}\n${digest}`);
      assert.doesNotMatch(digest, /✔ lowercases|✓ lowercases|ok 1 - lowercases/);
      assert.doesNotMatch(digest, /node:internal|node:async_hooks|duration_ms|^platform /m);
      assert.ok(digest.length < full.length, `${name}: ${digest.length} ≥ ${full.length}`);
    });
  }

  it('a syntax error in a test file keeps the error and where it is', () => {
    const digest = failureDigest(fixture('node-spec-syntax'));
    assert.match(digest, /syntax\.test\.js:2/);
    assert.match(digest, /SyntaxError: Unexpected token '\{'/);
    assert.doesNotMatch(digest, /wrapSafe|Module\._compile/);
  });

  it('5,000 lines of passing tests around two failures: the failures and the summary survive, within maxChars', () => {
    const passing = Array.from({ length: 2500 }, (_, i) => `ok ${i + 1} - passes case ${i}\n  ---\n  duration_ms: 0.1\n  ...`).join('\n');
    const failing = fixture('node-tap-slug');
    const digest = failureDigest(`TAP version 13\n${passing}\n${failing}`, 2000);
    assert.ok(digest.length <= 2000, `${digest.length} chars`);
    assert.match(digest, /not ok 2 - strips punctuation/);
    assert.match(digest, /# fail 2/);
    assert.doesNotMatch(digest, /passes case/);
  });

  it('unknown output longer than maxChars: head and tail with a marker', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
    const digest = failureDigest(lines, 1000);
    assert.ok(digest.length <= 1000);
    assert.match(digest, /^line 0\n/);
    assert.match(digest, /line 2999$/);
    assert.match(digest, /\[… \d+ characters cut …\]/);
  });

  it('strips colors', () => {
    assert.equal(failureDigest('\u001b[31m✖ broken\u001b[39m\n\u001b[1mAssertionError\u001b[22m: 1 !== 2'), '✖ broken\nAssertionError: 1 !== 2');
  });

  it('never returns more than maxChars', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000 }), fc.integer({ min: 1, max: 3000 }), (text, max) => failureDigest(text, max).length <= max),
      { numRuns: 300 },
    );
  });
});
