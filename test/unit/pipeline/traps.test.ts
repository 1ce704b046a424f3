import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileBytes } from '../../../src/core/ports';
import { buildWaves } from '../../../src/core/pipeline/stages/buildWaves';
import type { RedNote, RefusedNote, RollbackNote, TrapNote } from '../../../src/core/pipeline/waves/notes';
import { block, makeBlueprint, makeHarness, review, taskResult, type Harness, type ScriptedCall } from './harness';
import { ADD_IMPL, ADD_STUB, ADD_TEST, addTask, mulTask, tddScript } from './tddProject';

const stepCalls = (h: Harness, step: string, task = 'T1'): ScriptedCallLike[] => h.gateway.calls.filter((c) => c.context?.step === step && c.context.task === task);
type ScriptedCallLike = { last: string };

describe('waves: TRAPs and the circuit breaker', function () {
  this.timeout(60_000); // real test runs, on a machine that may be busy
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('tests that pass before the implementation are a TRAP, and the retry of the tests phase is told why', async () => {
    h = makeHarness({
      script: tddScript({
        // The first tests come with a finished implementation, so they pass at once.
        'tests:T1': [taskResult('T1', 'tests', block('test/add.test.js', '', ADD_TEST), block('src/add.js', '', ADD_IMPL)), taskResult('T1', 'tests', block('src/add.js', ADD_IMPL, ADD_STUB))],
      }),
    });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');

    assert.deepEqual(out.tasks, [{ id: 'T1', state: 'done', traps: 1 }]);
    const [trap] = h.notes('trap') as TrapNote[];
    assert.deepEqual([trap.phase, trap.attempt, trap.traps, trap.limit], ['red', 1, 1, 2]);
    assert.match(trap.why, /pass before the implementation exists: they test nothing new/);
    assert.equal(trap.command?.exitCode, 0);
    const tests = stepCalls(h, 'tests');
    assert.equal(tests.length, 2);
    assert.match(tests[1].last, /attempt 2 of at most 2/);
    assert.match(tests[1].last, /they test nothing new/);
    assert.match(tests[1].last, /Command: node --test test\/add\.test\.js \(exit code 0\)/);
    // The retry sees the files as the failed attempt left them (fix forward).
    assert.ok(tests[1].last.includes(`### src/add.js\n\`\`\`\n${ADD_IMPL}\`\`\``));
  });

  it('tests whose file does not load (the code under test missing) are a TRAP saying so, not a RED', async () => {
    h = makeHarness({
      script: tddScript({
        'tests:T1': [taskResult('T1', 'tests', block('test/add.test.js', '', ADD_TEST)), taskResult('T1', 'tests', block('src/add.js', '', ADD_STUB))],
      }),
    });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');

    assert.deepEqual(out.tasks, [{ id: 'T1', state: 'done', traps: 1 }]);
    const [trap] = h.notes('trap') as TrapNote[];
    assert.equal(trap.phase, 'red');
    assert.match(trap.why, /the tests did not run, the test file did not load: .*add a minimal stub/);
    const reds = h.notes('task.red') as RedNote[];
    assert.deepEqual(
      reds.map((r) => [r.attempt, r.ok, r.red.kind]),
      [
        [1, false, 'did_not_load'],
        [2, true, 'tests_failed'],
      ],
    );
  });

  it('a builder that claims success while its code fails: two TRAPs restore the exact pre-task bytes, remove created files and skip dependants', async () => {
    const legacy = Buffer.from('// legacy add\r\nexports.add = () => 0;', 'utf8');
    const square = { id: 'T3', title: 'square', acceptance: ['sq(3) is 9'], files: ['src/sq.js', 'test/sq.test.js'], tests: ['test/sq.test.js'], depends_on: ['T1'] };
    h = makeHarness({
      files: { 'src/add.js': legacy },
      script: tddScript({
        'tests:T1': taskResult('T1', 'tests', block('test/add.test.js', '', ADD_TEST)),
        'implementation:T1': [
          taskResult('T1', 'implementation', block('src/add.js', 'exports.add = () => 0;', 'exports.add = (a, b) => a - b;')),
          taskResult('T1', 'implementation', block('src/add.js', 'exports.add = (a, b) => a - b;', 'exports.add = (a, b) => a * b;')),
        ],
      }),
    });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask(), mulTask(), square] }), 'doc');

    assert.deepEqual(
      out.tasks.map((t) => [t.id, t.state, t.traps]),
      [
        ['T1', 'rolled_back', 2],
        ['T2', 'done', 0],
        ['T3', 'skipped', 0],
      ],
    );
    assert.match(out.tasks[2].reason ?? '', /depends on T1, which was given up and rolled back/);
    assert.ok(h.readBytes('src/add.js')?.equals(legacy), 'src/add.js has its exact pre-task bytes');
    assert.equal(h.readBytes('test/add.test.js'), undefined, 'the test file the task created is removed');
    assert.deepEqual(readdirSync(join(h.root, 'test')), ['mul.test.js'], 'a folder the task made stays while another task\'s file is in it');
    const [rollback] = h.notes('rollback') as RollbackNote[];
    assert.deepEqual([rollback.task, rollback.restored, rollback.removed], ['T1', ['src/add.js'], ['test/add.test.js']]);
    const traps = h.notes('trap') as TrapNote[];
    assert.deepEqual(
      traps.map((t) => [t.phase, t.attempt, t.command?.exitCode]),
      [
        ['green', 1, 1],
        ['green', 2, 1],
      ],
    );
    // The second implementation call sees the failing output of the first, and the code as it left it.
    const impl = stepCalls(h, 'implementation');
    assert.match(impl[1].last, /Failed at: GREEN/);
    assert.match(impl[1].last, /-1|!==|Expected/);
    assert.ok(h.gateway.calls.every((c) => c.context?.task !== 'T3'), 'no call for the skipped task');
    assert.ok(h.progress.some((e) => e.kind === 'task' && e.task === 'T3' && e.state === 'skipped'));
  });

  it("the rollback is one step of the host's restore (one WorkspaceEdit in VS Code), labelled with the task; a host that cannot gets the bytes written for it", async () => {
    for (const hostRestores of [true, false]) {
      const legacy = Buffer.from('// legacy add\r\nexports.add = () => 0;', 'utf8');
      const steps: Array<{ label: string; files: Array<[string, string | null]> }> = [];
      h = makeHarness({
        files: { 'src/add.js': legacy },
        workspace: (ws) => ({
          root: ws.root,
          read: (path) => ws.read(path),
          write: (changes, label) => ws.write(changes, label),
          restore: async (files: readonly FileBytes[], label: string) => {
            steps.push({ label, files: files.map((f) => [f.path, f.bytes === null ? null : f.bytes.toString('utf8')]) });
            return hostRestores ? writeBytes(ws.root, files) : false;
          },
        }),
        script: tddScript({
          'tests:T1': taskResult('T1', 'tests', block('test/add.test.js', '', ADD_TEST)),
          'implementation:T1': [
            taskResult('T1', 'implementation', block('src/add.js', 'exports.add = () => 0;', 'exports.add = (a, b) => a - b;')),
            taskResult('T1', 'implementation', block('src/add.js', 'exports.add = (a, b) => a - b;', 'exports.add = (a, b) => a * b;')),
          ],
        }),
      });
      const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');
      assert.equal(out.tasks[0]?.state, 'rolled_back');
      assert.deepEqual(steps, [{ label: 'Factory: roll back T1 (2 TRAPs)', files: [['src/add.js', legacy.toString('utf8')], ['test/add.test.js', null]] }]);
      assert.ok(h.readBytes('src/add.js')?.equals(legacy), `exact pre-task bytes (the host ${hostRestores ? 'restored' : 'could not'})`);
      assert.equal(h.readBytes('test/add.test.js'), undefined);
      h.close();
      h = undefined;
    }
  });

  it('an implementation that edits its test file is refused, recorded, and shown to the model in its retries', async () => {
    const weaken = block('test/add.test.js', '  assert.equal(add(2, 3), 5);', '  assert.equal(add(2, 3), 0);');
    h = makeHarness({
      script: tddScript({
        'implementation:T1': (call: ScriptedCall) => (call.turn === 2 ? taskResult('T1', 'implementation') : call.seen === 0 ? taskResult('T1', 'implementation', weaken) : taskResult('T1', 'implementation', block('src/add.js', ADD_STUB, ADD_IMPL))),
      }),
    });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');

    assert.deepEqual(out.tasks, [{ id: 'T1', state: 'done', traps: 1 }]);
    assert.equal(h.read('test/add.test.js'), ADD_TEST, 'the test is as RED left it');
    const refused = h.notes('refused') as RefusedNote[];
    assert.ok(refused.length >= 1);
    assert.deepEqual([refused[0].task, refused[0].path, refused[0].status, refused[0].attempt], ['T1', 'test/add.test.js', 'refused', 1]);
    assert.match(refused[0].why, /frozen since the tests were seen failing \(RED\)/);
    const impl = stepCalls(h, 'implementation');
    // Right away, in the same conversation (the patch-retry turn) …
    assert.match(impl[1].last, /test\/add\.test\.js is a test of task T1, frozen/);
    // … and in the next attempt's evidence.
    assert.match(impl[2].last, /Blocks refused \(not written\):\n- implementation block 1 \(test\/add\.test\.js\): .*frozen/);
  });

  it('a block outside the task\'s files is refused and nothing is written there', async () => {
    h = makeHarness({
      files: { 'package.json': '{}\n' },
      script: tddScript({
        'tests:T1': taskResult('T1', 'tests', block('test/add.test.js', '', ADD_TEST), block('src/add.js', '', ADD_STUB), block('src/helper.js', '', 'x'), block('package.json', '{}', '{"x":1}')),
      }),
    });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');

    assert.equal(out.tasks[0].state, 'done');
    assert.equal(h.read('src/helper.js'), undefined);
    assert.equal(h.read('package.json'), '{}\n');
    const refused = (h.notes('refused') as RefusedNote[]).filter((r) => r.phase === 'tests');
    assert.deepEqual(
      refused.map((r) => [r.path, r.status]),
      [
        ['src/helper.js', 'refused'],
        ['package.json', 'refused'],
      ],
    );
    assert.match(refused[0].why, /src\/helper\.js is not one of task T1's files \(src\/add\.js, test\/add\.test\.js\)/);
  });

  it('a gate with a high finding is a TRAP; its findings reach the implementer, who fixes forward with the tests frozen', async () => {
    h = makeHarness({
      script: tddScript({
        'bug_capture:T1': [review(90, [{ severity: 'high', where: 'src/add.js:1', issue: 'add("2", 3) concatenates', fix: 'reject non-numbers' }]), review(95)],
        'implementation:T1': [taskResult('T1', 'implementation', block('src/add.js', ADD_STUB, ADD_IMPL)), taskResult('T1', 'implementation')],
      }),
    });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');

    assert.deepEqual(out.tasks, [{ id: 'T1', state: 'done', traps: 1 }]);
    const [trap] = h.notes('trap') as TrapNote[];
    assert.equal(trap.phase, 'gates');
    assert.match(trap.why, /bug_capture \(1 high finding\)/);
    assert.deepEqual(trap.findings.map((f) => [f.gate, f.severity, f.issue]), [['bug_capture', 'high', 'add("2", 3) concatenates']]);
    const impl = stepCalls(h, 'implementation');
    assert.match(impl[1].last, /Gate findings:\n- bug_capture \[high\] src\/add\.js:1: add\("2", 3\) concatenates \(fix: reject non-numbers\)/);
    assert.equal(stepCalls(h, 'tests').length, 1, 'RED is not redone after a gate failure');
  });

  it('a gate score under thresholds.gate fails the gate even without findings', async () => {
    h = makeHarness({ thresholds: { gate: 80 }, limits: { trapsPerTask: 1 }, script: tddScript({ 'security:T1': review(79) }) });
    const out = await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask()] }), 'doc');

    assert.equal(out.tasks[0].state, 'rolled_back');
    const [trap] = h.notes('trap') as TrapNote[];
    assert.match(trap.why, /security \(score 79 under 80\)/);
    // The task made src/ and test/ for its files: with the files gone, so are they.
    assert.deepEqual(readdirSync(h.root).sort(), ['.factory']);
  });
});

/** A host's restore for the test: the bytes put on disk as they are. */
function writeBytes(root: string, files: readonly FileBytes[]): boolean {
  for (const f of files) {
    const abs = join(root, ...f.path.split('/'));
    if (f.bytes === null) rmSync(abs, { force: true });
    else {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, f.bytes);
    }
  }
  return true;
}
