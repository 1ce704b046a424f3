import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePort } from '../../../src/core/ports';
import { buildWaves } from '../../../src/core/pipeline/stages/buildWaves';
import type { ExecPort } from '../../../src/core/pipeline/runContext';
import { makeBlueprint, makeHarness, realExec, type Harness } from './harness';
import { ADD_IMPL, ADD_TEST, addTask, MUL_IMPL, mulTask, tddScript } from './tddProject';

const refuseCalls = (): never => {
  throw new Error('a replayed run asked the model again');
};

describe('waves: replay and resume', function () {
  this.timeout(60_000); // real test runs, on a machine that may be busy
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('two independent tasks of one wave run side by side (their calls overlap), and one at a time with limits.parallelTasks 1', async function () {
    this.timeout(90_000); // two builds with real test runs, on a busy machine
    const overlaps = async (parallelTasks: number): Promise<boolean> => {
      const run = makeHarness({ script: tddScript(), latencyMs: 150, limits: { parallelTasks } });
      try {
        await buildWaves(run.ctx, makeBlueprint({ tasks: [addTask(), mulTask()] }), 'doc');
        const of = (task: string) => run.gateway.calls.filter((c) => c.context?.task === task);
        return of('T1').some((a) => of('T2').some((b) => a.startedAt < b.endedAt && b.startedAt < a.endedAt));
      } finally {
        run.close();
      }
    };
    assert.equal(await overlaps(3), true);
    assert.equal(await overlaps(1), false);
  });

  it('replaying finished tasks from the journal asks no model, applies no patch twice and repeats no note', async () => {
    h = makeHarness({ script: tddScript() });
    const bp = makeBlueprint({ tasks: [addTask(), mulTask()] });
    const first = await buildWaves(h.ctx, bp, 'doc');
    const count = (hh: Harness, pred: (e: ReturnType<Harness['events']>[number]) => boolean) => hh.events().filter(pred).length;
    const patches = count(h, (e) => e.type === 'effect.done' && e.kind === 'patch');
    const notes = count(h, (e) => e.type === 'note');
    assert.ok(patches >= 4);

    h = h.reopen({ script: refuseCalls });
    const again = await buildWaves(h.ctx, bp, 'doc');

    assert.deepEqual(again, first);
    assert.equal(h.gateway.calls.length, 0);
    assert.equal(count(h, (e) => e.type === 'effect.start'), count(h, (e) => e.type === 'effect.done'), 'no step started again');
    assert.equal(count(h, (e) => e.type === 'effect.done' && e.kind === 'patch'), patches);
    assert.equal(count(h, (e) => e.type === 'note'), notes);
    assert.equal(h.read('src/mul.js'), MUL_IMPL);
    assert.equal(h.read('test/add.test.js'), ADD_TEST);
  });

  it('a patch cut by a kill (started, file half-written, never done) is put back and redone on resume; answered calls are not asked again', async () => {
    const cut = (ws: WorkspacePort): WorkspacePort => ({
      root: ws.root,
      read: (p) => ws.read(p),
      write: async (changes, label) => {
        if (label !== 'T1:implementation:a1') return ws.write(changes, label);
        writeFileSync(join(ws.root, 'src', 'add.js'), 'exports.add = (a, b) =>'); // half of the new text
        throw new Error('killed in the middle of the write');
      },
    });
    h = makeHarness({ script: tddScript(), workspace: cut });
    const bp = makeBlueprint({ tasks: [addTask()] });
    await assert.rejects(buildWaves(h.ctx, bp, 'doc'), /killed in the middle/);
    assert.equal(h.read('src/add.js'), 'exports.add = (a, b) =>');

    h = h.reopen({ script: tddScript() });
    const out = await buildWaves(h.ctx, bp, 'doc');

    assert.deepEqual(out.tasks, [{ id: 'T1', state: 'done', traps: 0 }]);
    assert.equal(h.read('src/add.js'), ADD_IMPL);
    assert.deepEqual(
      h.gateway.calls.map((c) => c.context?.step).sort(),
      ['bug_capture', 'refactor', 'schema', 'security'],
      'the tests and implementation calls were answered before the kill and are not asked again',
    );
    const of = (type: string) => h!.events().filter((e) => (e.type === 'effect.start' || e.type === 'effect.done') && e.type === type && e.key === 'patch:T1:implementation:a1').length;
    assert.deepEqual([of('effect.start'), of('effect.done')], [2, 1]);
  });

  it('a test run cut by cancel is not recorded: the abort goes up, and a resumed run runs the command again', async () => {
    let cancelling: Harness | undefined;
    const exec: ExecPort = {
      ...realExec,
      run: (spec, signal) => {
        if (spec.argv.includes('test/add.test.js') && cancelling) cancelling.abort.abort();
        return realExec.run(spec, signal);
      },
    };
    h = cancelling = makeHarness({ script: tddScript(), exec });
    const bp = makeBlueprint({ tasks: [addTask()] });
    await assert.rejects(buildWaves(h.ctx, bp, 'doc'));
    assert.equal(h.ctx.effects.has('command:T1:red:a1'), false);
    assert.equal(h.notes('trap').length, 0, 'a cancelled run is no evidence, so no trap');

    cancelling = undefined;
    h = h.reopen({ script: tddScript() });
    const out = await buildWaves(h.ctx, bp, 'doc');
    assert.deepEqual(out.tasks, [{ id: 'T1', state: 'done', traps: 0 }]);
    assert.equal(h.gateway.calls.filter((c) => c.context?.step === 'tests').length, 0, 'the answered tests call is not asked again');
  });

  it('a task assigned to junior is built by the junior role; the gates stay with qc and architect', async () => {
    h = makeHarness({ script: tddScript() });
    await buildWaves(h.ctx, makeBlueprint({ tasks: [addTask({ assignee: 'junior' })] }), 'doc');
    const roles = Object.fromEntries(h.gateway.calls.map((c) => [c.context?.step, c.role]));
    assert.deepEqual(roles, { tests: 'junior', implementation: 'junior', refactor: 'junior', bug_capture: 'qc', schema: 'architect', security: 'architect' });
  });
});
