import assert from 'node:assert/strict';
import { dacContextLine, findDacContext } from '../../fakes/dacContext';

describe('DaC-Context line', () => {
  it('is found on a line of its own anywhere in the message', () => {
    const ctx = findDacContext('You are the reviewer.\n  DaC-Context: run=r7 role=qc step=bug_capture expect=review task=T3\nDiff: ...');
    assert.deepEqual(ctx, {
      run: 'r7',
      role: 'qc',
      step: 'bug_capture',
      expect: 'review',
      task: 'T3',
      repair: 0,
      line: 'DaC-Context: run=r7 role=qc step=bug_capture expect=review task=T3',
    });
  });

  it('reads repair=<n>', () => {
    assert.equal(findDacContext('DaC-Context: run=r role=twin step=gate expect=decision task=- repair=2')?.repair, 2);
  });

  it('is null when absent or not at the start of a line', () => {
    assert.equal(findDacContext('no context here'), null);
    assert.equal(findDacContext('see DaC-Context: run=r role=qc'), null);
    assert.equal(findDacContext(null), null);
  });

  it('round-trips the line the engine writes', () => {
    const fields = { run: 'r1', role: 'ceo', step: 'tests', expect: 'task_result', task: 'T1', repair: 1 };
    const line = dacContextLine(fields);
    assert.equal(line, 'DaC-Context: run=r1 role=ceo step=tests expect=task_result task=T1 repair=1');
    assert.deepEqual(findDacContext(line), { ...fields, line });
  });
});
