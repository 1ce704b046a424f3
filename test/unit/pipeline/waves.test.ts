import assert from 'node:assert/strict';
import { buildWaves } from '../../../src/core/pipeline/stages/buildWaves';
import type { GateNote, GreenNote, RedNote, TrapNote, WaveTestNote } from '../../../src/core/pipeline/waves/notes';
import { taskTestCommand } from '../../../src/core/pipeline/waves/evidence';
import { block, makeBlueprint, makeHarness, review, taskResult, type Harness } from './harness';
import { ADD_IMPL, ADD_STUB, ADD_TEST, addTask, GOOD, tddScript } from './tddProject';

const GOOD_IMPL = GOOD.T1.implementation;

describe('waves: one task test-first', function () {
  this.timeout(60_000); // real test runs, on a machine that may be busy
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
    // CREATE has no project suite to guard: the implementer is told of none.
    for (const c of h.gateway.calls.slice(1, 3)) assert.doesNotMatch(c.last, /project's whole suite|own tests guard/, c.context?.step);

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

describe('waves: replies, gates and the whole test run', function () {
  this.timeout(60_000); // real test runs, on a machine that may be busy
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('a gate reviewer\'s SEARCH/REPLACE blocks are refused (nothing written) and recorded as a protocol violation', async () => {
    h = makeHarness({ script: tddScript({ 'schema:T1': `${review(95)}\n${block('src/add.js', ADD_IMPL, 'exports.add = () => 42;\n')}` }) });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');
    assert.equal(out.tasks[0].state, 'done');
    assert.equal(h.read('src/add.js'), ADD_IMPL);
    const [violation] = h.notes('protocol_violation') as Array<{ role: string; step: string; refusedBlocks: number }>;
    assert.deepEqual([violation.role, violation.step, violation.refusedBlocks], ['architect', 'schema', 1]);
  });

  it('a phase reply naming another task or phase is sent back for repair, not acted on', async () => {
    h = makeHarness({ script: tddScript({ 'implementation:T1': (c) => (c.context?.repair ? GOOD_IMPL : taskResult('T9', 'refactor', block('src/add.js', ADD_STUB, 'exports.add = () => 1;\n'))) }) });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');
    assert.deepEqual(out.tasks, [{ id: 'T1', state: 'done', traps: 0 }]);
    const repair = h.gateway.calls.find((c) => c.context?.repair === 1);
    assert.match(repair?.last ?? '', /\$\.task: expected "T1"/);
    assert.match(repair?.last ?? '', /\$\.phase: expected "implementation"/);
    assert.equal(h.read('src/add.js'), ADD_IMPL);
  });

  it('the whole test command runs after each wave; when it fails the waves say so', async () => {
    // A stray failing test outside every task: the task's own tests pass, the whole suite does not.
    h = makeHarness({ files: { 'test/stray.test.js': "require('node:test')('stray', () => { throw new Error('stray'); });\n" }, script: tddScript() });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');
    assert.deepEqual(out.tasks, [{ id: 'T1', state: 'done', traps: 0 }]);
    assert.equal(out.testsPass, false);
    assert.match(out.reason ?? '', /the whole test command \(node --test\) failed after wave 1/);
    const [wave] = h.notes('wave.test') as WaveTestNote[];
    assert.deepEqual([wave.wave, wave.tasks, wave.passed], [1, ['T1'], false]);
    assert.match(wave.command.digest, /stray/);
  });

  it('without test_files, a task\'s runs use the whole test command', () => {
    const bp = makeBlueprint({ tasks: [addTask()], commands: { test: 'node --test', test_files: null } });
    assert.deepEqual(taskTestCommand(bp, bp.tasks[0]), { ok: true, argv: ['node', '--test'] });
    const withFiles = makeBlueprint({ tasks: [addTask()] });
    assert.deepEqual(taskTestCommand(withFiles, withFiles.tasks[0]), { ok: true, argv: ['node', '--test', 'test/add.test.js'] });
  });
});
