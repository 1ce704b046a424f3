import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runPhase } from '../../../src/core/pipeline/waves/tddPhase';
import type { RefusedNote } from '../../../src/core/pipeline/waves/notes';
import { realRelative, ruleFor, taskPolicy } from '../../../src/core/pipeline/waves/taskPolicy';
import { block, makeBlueprint, makeHarness, taskResult, type Harness } from './harness';
import { ADD_TEST, addTask } from './tddProject';

describe('waves: which paths a phase may write', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  const task = makeBlueprint({ tasks: [addTask({ files: ['src/add.js', 'src/alias.js', 'src/evil.js', 'test/add.test.js'] })] }).tasks[0];

  it('allows only the task\'s files, and its tests only in the tests phase', () => {
    assert.equal(ruleFor(task, 'tests', 'test/add.test.js'), undefined);
    assert.equal(ruleFor(task, 'tests', 'src/add.js'), undefined);
    assert.match(ruleFor(task, 'tests', 'src/other.js') ?? '', /not one of task T1's files/);
    for (const phase of ['implementation', 'refactor'] as const) {
      assert.match(ruleFor(task, phase, 'test/add.test.js') ?? '', /frozen/);
      assert.equal(ruleFor(task, phase, 'src/add.js'), undefined);
    }
  });

  it('judges a task file that is a link by the file it leads to: into a frozen test or out of the task, refused', async () => {
    h = makeHarness({ files: { 'test/add.test.js': ADD_TEST, 'secret.txt': 'token=1\n' }, script: () => taskResult('T1', 'implementation') });
    mkdirSync(join(h.root, 'src'), { recursive: true });
    symlinkSync(join(h.root, 'test', 'add.test.js'), join(h.root, 'src', 'alias.js'));
    symlinkSync('../secret.txt', join(h.root, 'src', 'evil.js'));
    assert.equal(await realRelative(h.root, 'src/alias.js'), 'test/add.test.js');
    assert.equal(await realRelative(h.root, 'src/new/file.js'), 'src/new/file.js');

    const reply = taskResult('T1', 'implementation', block('src/alias.js', '  assert.equal(add(2, 3), 5);', '  assert.ok(true);'), block('src/evil.js', 'token=1', 'token=2'), block('src/add.js', '', 'exports.add = (a, b) => a + b;'));
    const policy = await taskPolicy(h.root, task, 'implementation', reply);
    assert.match(policy('src/alias.js') ?? '', /^src\/alias\.js is a link to test\/add\.test\.js, and test\/add\.test\.js is a test of task T1, frozen/);
    assert.match(policy('src/evil.js') ?? '', /^src\/evil\.js is a link to secret\.txt, and secret\.txt is not one of task T1's files/);
    assert.equal(policy('src/add.js'), undefined);
    // In the tests phase the same link into the test file is fine: it is the task's own test.
    assert.equal((await taskPolicy(h.root, task, 'tests', reply))('src/alias.js'), undefined);

    // Through the phase: the blocks are refused, recorded, and nothing behind the links changes.
    h = h.reopen({ script: (c) => (c.turn === 1 ? reply : taskResult('T1', 'implementation')) });
    const bp = makeBlueprint({ tasks: [addTask({ files: task.files })] });
    const r = await runPhase(h.ctx, { bp, doc: 'doc', task, phase: 'implementation', attempt: 1, role: 'ceo', retry: '' });
    assert.equal(r.ok, true);
    assert.equal(h.read('test/add.test.js'), ADD_TEST);
    assert.equal(h.read('secret.txt'), 'token=1\n');
    assert.equal(h.read('src/add.js'), 'exports.add = (a, b) => a + b;\n');
    const refused = h.notes('refused') as RefusedNote[];
    assert.deepEqual(
      refused.map((n) => [n.path, n.status]),
      [
        ['src/alias.js', 'refused'],
        ['src/evil.js', 'refused'],
      ],
    );
    // The patch-retry turn shows them with the reasons.
    assert.equal(h.gateway.calls.length, 2);
    assert.match(h.gateway.calls[1].last, /src\/alias\.js is a link to test\/add\.test\.js/);
  });
});
