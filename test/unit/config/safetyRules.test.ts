// A workspace comes with its folder (a cloned repository): it may not switch off a safety rule that
// protects the user, as it may not redirect a key or loosen the budget.
import assert from 'node:assert/strict';
import { workspaceSafetyOverrides } from '../../../src/core/config/safetyRules';

describe('what a workspace may not switch off', () => {
  it('allowSelfReview: true from a workspace is refused, saying what it would do', () => {
    assert.deepEqual(workspaceSafetyOverrides([], { allowSelfReview: true }), [
      { setting: 'allowSelfReview', description: 'would let a model review its own work (the check that a reviewer is not the model it reviews would be off)' },
    ]);
    assert.equal(workspaceSafetyOverrides([{ allowSelfReview: false }], { allowSelfReview: true }).length, 1, 'the user said no');
    assert.equal(workspaceSafetyOverrides([{ limits: { repairs: 1 } }], { allowSelfReview: true }).length, 1);
  });

  it('is not refused when it changes nothing or tightens: false, not set, or the user allows it already', () => {
    assert.deepEqual(workspaceSafetyOverrides([], { allowSelfReview: false }), []);
    assert.deepEqual(workspaceSafetyOverrides([], {}), []);
    assert.deepEqual(workspaceSafetyOverrides([{ allowSelfReview: true }], { allowSelfReview: true }), []);
    assert.deepEqual(workspaceSafetyOverrides([{ allowSelfReview: true }, { allowSelfReview: false }], { allowSelfReview: true }).length, 1, 'the higher user layer decides');
  });

  it('thresholds, limits other than the budget, the gate and the models stay the workspace\'s to choose', () => {
    const choices = {
      thresholds: { review: 50, qc: 40, verify: 30, gate: 10 },
      limits: { reviewRounds: 1, repairs: 0, trapsPerTask: 1, parallelTasks: 16, commandTimeoutS: 10 },
      gate: 'human',
      roles: { qc: { provider: 'openai', model: 'gpt-5-mini' } },
      providers: { idleTimeoutS: 10, maxConcurrent: 1 },
    };
    assert.deepEqual(workspaceSafetyOverrides([], choices), []);
  });

  it('exec: a workspace may tighten the sandbox, never loosen it below the user\'s (or the default)', () => {
    const settings = (user: unknown[], exec: unknown) => workspaceSafetyOverrides(user, { exec }).map((o) => o.setting);
    assert.deepEqual(settings([], { sandbox: 'off' }), ['exec.sandbox'], 'off below the default auto');
    assert.deepEqual(settings([{ exec: { sandbox: 'required' } }], { sandbox: 'auto' }), ['exec.sandbox'], 'auto below the user\'s required');
    assert.deepEqual(settings([], { maxProcesses: 2048, memoryMb: 16384 }), ['exec.maxProcesses', 'exec.memoryMb'], 'caps above the defaults');
    assert.deepEqual(settings([{ exec: { maxProcesses: 4096 } }], { maxProcesses: 2048 }), [], 'below the user\'s own cap');
    assert.deepEqual(settings([], { sandbox: 'required', maxProcesses: 64, memoryMb: 512 }), [], 'tighter');
    assert.deepEqual(settings([{ exec: { sandbox: 'off' } }], { sandbox: 'auto' }), [], 'the user chose off: auto is tighter');
    assert.match(workspaceSafetyOverrides([], { exec: { sandbox: 'off' } })[0]?.description ?? '', /looser sandbox setting \("off"\) than yours \("auto"\)/);
  });

  it('leaves a value the schema would refuse to the schema', () => {
    assert.deepEqual(workspaceSafetyOverrides([], { allowSelfReview: 'yes' }), []);
    assert.deepEqual(workspaceSafetyOverrides([], 'not an object'), []);
  });
});
