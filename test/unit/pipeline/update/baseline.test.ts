// The UPDATE baseline, per runner format: a run after a task compared with the suite as it ran
// before the first task. Outputs are real (node --test TAP and spec, mocha, pytest -v captured from
// one small project before and after 'greets' broke; jest's from the runners' fixtures).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRun } from '../../../../src/core/exec';
import { readTestResults } from '../../../../src/core/exec/testResults';
import { compareWithBaseline, readBaseline } from '../../../../src/core/pipeline/update/baseline';
import { fixture } from '../../exec/fixtures';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'exec', 'baseline');
const output = (name: string): string => readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');

function run(text: string, exitCode: number | null = 1, extra: Partial<CommandRun> = {}): CommandRun {
  return { argv: ['npm', 'test'], cwd: '/project', exitCode, signal: null, durationMs: 10, output: text, truncated: false, timedOut: false, cancelled: false, ...extra };
}

// Each format's id of the same two tests: 'greets' (passes before, fails after) and the suite's 'broken' (fails in both).
const FORMATS: Array<{ name: string; format: string; greets: string; broken: string; message: RegExp }> = [
  { name: 'tap', format: 'tap', greets: 'greets', broken: 'math > broken', message: /'hello' == 'hi'/ },
  { name: 'spec', format: 'node_spec', greets: 'greets', broken: 'math > broken', message: /'hello' == 'hi'/ },
  { name: 'mocha', format: 'mocha', greets: 'greets', broken: 'math > broken', message: /'hello' == 'hi'/ },
  { name: 'pytest', format: 'pytest', greets: 'test_a.py::test_greets', broken: 'test_a.py::TestMath::test_broken', message: /assert 'hello' == 'hi'/ },
  { name: 'jest', format: 'jest', greets: 'greets', broken: 'math > broken', message: /Received: "hello"/ },
];

describe('UPDATE baseline: a test that passed before and fails now, per runner format', () => {
  for (const f of FORMATS) {
    describe(f.name, () => {
      const base = readBaseline(run(output(`${f.name}.before`)));

      it('reads the baseline test by test, the failing one marked', () => {
        assert.equal(base.format, f.format);
        assert.ok(base.tests, 'read test by test');
        assert.equal(base.tests[f.greets], 'passed');
        assert.equal(base.tests[f.broken], 'failed');
        assert.equal(Object.values(base.tests).filter((s) => s === 'passed').length, 3);
      });

      it('names the regression with its own failure output, and does not blame the test that already failed', () => {
        const c = compareWithBaseline(base, run(output(`${f.name}.after`)));
        assert.equal(c.ok, false);
        if (c.ok) return;
        assert.deepEqual(c.regressions.map((r) => r.id), [f.greets]);
        assert.match(c.regressions[0]?.failure ?? '', f.message);
        assert.match(c.evidence, f.message);
        assert.deepEqual(c.alreadyFailing, [f.broken]);
        assert.match(c.why, new RegExp(`1 test .*passed before.*fails now.*${f.greets.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
        // The already failing test's output is not handed to the implementer as if it were its fault.
        assert.doesNotMatch(c.evidence, /1 == 2|1 != 2|Expected: 2/);
      });

      it('the same failures as the baseline: nothing to blame', () => {
        const c = compareWithBaseline(base, run(output(`${f.name}.before`)));
        assert.equal(c.ok, true);
        assert.deepEqual(c.alreadyFailing, [f.broken]);
      });
    });
  }
});

describe('UPDATE baseline: pytest expected failures', () => {
  // Real pytest -v output: an xfail test that starts to pass (the task fixed what the marker names)
  // is XPASS, which pytest does not count as a failure (exit 0); a strict one prints FAILED instead.
  it('a test marked xfail that passes now (XPASS) is no regression', () => {
    const base = readBaseline(run(output('pytest-xfail.before'), 0));
    assert.equal(base.tests?.['test_x.py::test_spaces'], 'passed');
    const c = compareWithBaseline(base, run(output('pytest-xfail.after'), 0));
    assert.equal(c.ok, true, c.ok ? '' : c.why);
    assert.equal(readTestResults(output('pytest-xfail.after'))?.tests.find((t) => t.id === 'test_x.py::test_spaces')?.status, 'passed');
  });
});

describe('UPDATE baseline: runs that cannot be read test by test', () => {
  it('a baseline that passed as a whole and a later run that fails: a regression of the whole suite, with its digest', () => {
    const base = readBaseline(run('all good\n', 0));
    assert.equal(base.tests, null);
    const c = compareWithBaseline(base, run('Error: expected 3 got 4\n    at check (/project/check.js:3:9)\n', 2));
    assert.equal(c.ok, false);
    if (c.ok) return;
    assert.equal(c.asWhole, true);
    assert.match(c.why, /passed before this run and fails now \(exit code 2\)/);
    assert.match(c.evidence, /expected 3 got 4/);
  });

  it('a baseline that already failed as a whole: nothing can be blamed on a task', () => {
    const base = readBaseline(run('broken before we came\n', 1));
    assert.equal(compareWithBaseline(base, run('still broken\n', 1)).ok, true);
  });

  it('a suite that hangs now (stopped at the time limit) after it finished in the baseline is a regression', () => {
    const base = readBaseline(run(output('tap.before'), 1));
    const c = compareWithBaseline(base, run('', null, { timedOut: true }));
    assert.equal(c.ok, false);
    if (!c.ok) assert.match(c.why, /did not finish.*time limit/);
  });

  it('a test file that no longer loads: its tests did not run, which counts as a regression in a failing run', () => {
    const base = readBaseline(run(output('tap.before'), 1));
    const after = "TAP version 13\n# Subtest: /project/test/a.test.js\nnot ok 1 - /project/test/a.test.js\n  ---\n  duration_ms: 30\n  failureType: 'testCodeFailure'\n  error: 'test failed'\n  ...\n# Subtest: other\nok 2 - other\n  ---\n  duration_ms: 1\n  ...\n1..2\n# tests 2\n# pass 1\n# fail 1\n";
    const c = compareWithBaseline(base, run(after, 1));
    assert.equal(c.ok, false);
    if (c.ok) return;
    assert.deepEqual(c.regressions.map((r) => r.id).sort(), ['adds', 'greets', 'math > doubles']);
    assert.match(c.evidence, /\/project\/test\/a\.test\.js/);
  });
});

describe('readTestResults', () => {
  it('jest (real verbose output): suites in the id, each failure with its own section', () => {
    const r = readTestResults(fixture('jest-slug'));
    assert.equal(r?.format, 'jest');
    const byId = Object.fromEntries((r?.tests ?? []).map((t) => [t.id, t]));
    assert.equal(byId['slug > lowercases']?.status, 'passed');
    assert.equal(byId['slug > strips punctuation']?.status, 'failed');
    assert.match(byId['slug > strips punctuation']?.failure ?? '', /Received: "hello,-world!"/);
    assert.equal(byId['slug > unicode > folds accents']?.status, 'failed');
  });

  it('output no known runner prints: undefined (judged as a whole)', () => {
    assert.equal(readTestResults('Ran 3 checks: all fine\n'), undefined);
  });
});
