import assert from 'node:assert/strict';
import { buildWaves } from '../../../src/core/pipeline/stages/buildWaves';
import type { GateNote, GreenNote, RedNote, TrapNote, WaveTestNote } from '../../../src/core/pipeline/waves/notes';
import { makeBlueprint, makeHarness, type Harness } from './harness';
import { ADD_IMPL, ADD_TEST, addTask, tddScript } from './tddProject';

describe('waves: one task test-first', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('runs tests → RED → implementation → GREEN → refactor → gates, with the engine\'s own test runs as evidence', async () => {
    h = makeHarness({ script: tddScript() });
    const bp = makeBlueprint({ tasks: [addTask()] });
    const out = await buildWaves(h.ctx, bp, 'blueprint doc');

    assert.deepEqual(out, { tasks: [{ id: 'T1', state: 'done', traps: 0 }], testsPass: true });
    assert.equal(h.read('src/add.js'), ADD_IMPL);
    assert.equal(h.read('test/add.test.js'), ADD_TEST);
    const steps = h.gateway.calls.map((c) => `${c.role}:${c.context?.step}`);
    assert.deepEqual(steps.slice(0, 3), ['ceo:tests', 'ceo:implementation', 'ceo:refactor']);
    assert.deepEqual(steps.slice(3).sort(), ['architect:schema', 'architect:security', 'qc:bug_capture']);

    const [red] = h.notes('task.red') as RedNote[];
    assert.equal(red.ok, true);
    assert.deepEqual(red.command.argv, ['node', '--test', 'test/add.test.js']);
    assert.notEqual(red.command.exitCode, 0);
    assert.equal(red.red.kind, 'tests_failed');
    const [green] = h.notes('task.green') as GreenNote[];
    assert.equal(green.ok, true);
    assert.equal(green.command.exitCode, 0);
    assert.equal((h.notes('task.gate') as GateNote[]).filter((g) => g.passed).length, 3);
    const [wave] = h.notes('wave.test') as WaveTestNote[];
    assert.deepEqual([wave.passed, wave.command.argv], [true, ['node', '--test']]);
    assert.deepEqual(h.notes('trap') as TrapNote[], []);
    const states = h.progress.flatMap((e) => (e.kind === 'task' ? [e.state] : []));
    assert.deepEqual(states, ['waiting', 'tests', 'red', 'implementation', 'green', 'refactor', 'gates', 'done']);
  });
});
