import assert from 'node:assert/strict';
import { formatDacContext, parseDacContext, type DacContext } from '../../../src/core/protocol/dacContext';

describe('DaC-Context line', () => {
  const ctx: DacContext = { run: 'r-20240101-1', role: 'qc', step: 'bug_capture', expect: 'review', task: 'T3' };

  it('formats the contract line exactly', () => {
    assert.equal(formatDacContext(ctx), 'DaC-Context: run=r-20240101-1 role=qc step=bug_capture expect=review task=T3');
    assert.equal(formatDacContext({ ...ctx, task: undefined, repair: 2 }), 'DaC-Context: run=r-20240101-1 role=qc step=bug_capture expect=review task=- repair=2');
  });

  it('reads back what it writes, from anywhere in a message', () => {
    for (const c of [ctx, { ...ctx, task: undefined }, { ...ctx, repair: 1 }]) {
      const message = `System preamble\n\n${formatDacContext(c)}\nYou are the QC role...`;
      const { task, ...rest } = c;
      assert.deepEqual(parseDacContext(message), task === undefined ? rest : c);
    }
  });

  it('reads nothing from a message without a valid line', () => {
    for (const m of [
      'no context here',
      'DaC-Context: run=r role=nobody step=review expect=review task=-',
      'DaC-Context: run=r role=qc step=review expect=nonsense task=-',
      'DaC-Context: run=r role=qc step=review expect=review',
      'DaC-Context: run=r role=qc step=review expect=review task=- repair=0',
      'DaC-Context: run=r run=s role=qc step=review expect=review task=-',
    ]) {
      assert.equal(parseDacContext(m), undefined, m);
    }
  });

  it('refuses to write a line that could not be read back', () => {
    assert.throws(() => formatDacContext({ ...ctx, run: 'has space' }));
    assert.throws(() => formatDacContext({ ...ctx, task: 'a=b' }));
    assert.throws(() => formatDacContext({ ...ctx, repair: 0 }));
  });
});
