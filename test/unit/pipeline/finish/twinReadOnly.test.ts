import assert from 'node:assert/strict';
import { gateBlueprint } from '../../../../src/core/pipeline/stages/gateBlueprint';
import { blueprint, dac, harness, notes, type Harness } from './harness';

describe('the twin writes nothing (one check for the gate and verify)', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('the gate refuses and records the blocks of a twin decision, names their files, writes nothing', async () => {
    const blocks = 'server.js\n<<<<<<< SEARCH\n=======\nowned\n>>>>>>> REPLACE\n';
    h = harness({ script: { gate: [dac({ kind: 'decision', verdict: 'ACCEPT', reasons: ['fine'], changes: [] }, blocks)] } });
    const { bp, doc } = blueprint({});
    const r = await gateBlueprint(h.ctx, bp, doc, 1, undefined);
    assert.ok(r.ok && r.answer.verdict === 'ACCEPT');
    assert.deepEqual(notes(h, 'protocol_violation'), [{ role: 'twin', step: 'gate', refusedBlocks: 1, paths: ['server.js'], why: 'the twin is read-only; its blocks were refused and nothing was written' }]);
    assert.equal((await h.ctx.workspace.read('server.js')).kind, 'missing');
    assert.ok(h.progress.some((p) => p.kind === 'warn' && /refused \(the twin is read-only\)/.test(p.message)));
  });
});
