// An UPDATE blueprint's checks: tasks may name the project's existing files (that is what an update
// changes), unsafe paths are still refused, and the test command must be the project's own, which
// the baseline runs before the first task.
import assert from 'node:assert/strict';
import { splitCommand } from '../../../../src/core/exec';
import { checkBlueprint } from '../../../../src/core/pipeline/blueprint/checkBlueprint';
import { updateChecks } from '../../../../src/core/pipeline/update/deltaBlueprint';
import { parseReply, type Blueprint } from '../../../../src/core/protocol';

function blueprint(files: string[], test = 'npm test'): string {
  const bp = {
    dac: 1,
    kind: 'blueprint',
    title: 't',
    summary: 's',
    core: { stack: [], conventions: [], contracts: [], security: [], commands: { test, test_files: 'node --test {files}', build: null, start: null } },
    tasks: [{ id: 'T1', title: 'x', acceptance: ['y'], files, tests: ['test/new.test.js'], depends_on: [] }],
    decisions: [],
  };
  return '```dac\n' + JSON.stringify(bp) + '\n```\n';
}

function issuesOf(reply: string, testCommand: string | null): string[] {
  const parsed = parseReply(reply, 'blueprint');
  if (!parsed.ok) return parsed.issues.map((i) => `${i.path}: ${i.expected}`);
  const bp: Blueprint = parsed.message;
  return [...checkBlueprint(bp, splitCommand), ...updateChecks({ testCommand })(bp)].map((i) => `${i.path}: ${i.expected} (got ${i.got})`);
}

describe('UPDATE blueprint checks', () => {
  it('accept a task that touches existing files of the project', () => {
    assert.deepEqual(issuesOf(blueprint(['src/greet.js', 'lib/util/format.js', 'test/new.test.js']), 'npm test'), []);
  });

  it('still refuse unsafe paths', () => {
    for (const bad of ['../outside.js', '.git/config', '/etc/passwd']) {
      const issues = issuesOf(blueprint([bad, 'test/new.test.js']), 'npm test');
      assert.ok(issues.some((i) => i.startsWith('$.tasks[0].files[0]')), `${bad}: ${issues.join('\n')}`);
    }
  });

  it("refuse a test command other than the project's own, saying which it is and why", () => {
    const issues = issuesOf(blueprint(['src/greet.js', 'test/new.test.js'], 'node --test test/new.test.js'), 'npm test');
    assert.equal(issues.length, 1);
    assert.match(issues[0] ?? '', /^\$\.core\.commands\.test: the project's own test command "npm test".*baseline/);
  });

  it('take the same command spaced differently, and any command when the project has none', () => {
    assert.deepEqual(issuesOf(blueprint(['src/a.js', 'test/new.test.js'], ' npm  test '), 'npm test'), []);
    assert.deepEqual(issuesOf(blueprint(['src/a.js', 'test/new.test.js'], 'node --test'), null), []);
  });
});
