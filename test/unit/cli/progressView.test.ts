import assert from 'node:assert/strict';
import { ProgressView } from '../../../src/cli/progressView';

function viewed(live: boolean) {
  let out = '';
  const view = new ProgressView((t) => (out += t), { live, columns: 60 });
  return { view, out: () => out };
}

describe('ProgressView', () => {
  it('without a terminal: plain lines only (stages, each task step, calls asked), no control characters', () => {
    const { view, out } = viewed(false);
    view.show({ kind: 'stage', stage: 'waves', detail: 'wave 1 of 2' });
    view.show({ kind: 'task', task: 'T1', state: 'tests' });
    view.show({ kind: 'call', role: 'ceo', step: 'tests', task: 'T1', phase: 'asked' });
    view.show({ kind: 'call', role: 'ceo', step: 'tests', task: 'T1', phase: 'answered' });
    view.show({ kind: 'task', task: 'T1', state: 'red', detail: '4 tests failed' });
    view.show({ kind: 'task', task: 'T1', state: 'green' });
    view.show({ kind: 'warn', message: 'a block was refused' });
    view.close();
    assert.equal(
      out(),
      [
        'stage: waves (wave 1 of 2)',
        '  T1: writing tests',
        '  asking ceo tests T1…',
        '  T1: RED: the new tests fail, as they must before the code exists — 4 tests failed',
        '  T1: GREEN: the tests pass',
        '  warning: a block was refused',
        '',
      ].join('\n'),
    );
  });

  it('on a terminal: a status block of task states and calls waited on, erased and drawn again under each new line', () => {
    const { view, out } = viewed(true);
    view.show({ kind: 'task', task: 'T1', state: 'tests' });
    view.show({ kind: 'task', task: 'T2', state: 'tests' });
    view.show({ kind: 'call', role: 'ceo', step: 'tests', task: 'T1', phase: 'asked' });
    const before = out();
    assert.ok(before.endsWith('\x1b[1F\x1b[Jtasks: T1 tests…  T2 tests…\nwaiting on: ceo tests T1\n'), JSON.stringify(before));
    view.show({ kind: 'task', task: 'T1', state: 'red' });
    // The milestone is a line of its own above the block, which is drawn again below it.
    assert.ok(out().endsWith('\x1b[2F\x1b[J  T1: RED: the new tests fail, as they must before the code exists\ntasks: T1 RED  T2 tests…\nwaiting on: ceo tests T1\n'), JSON.stringify(out()));
    view.close();
    assert.ok(out().endsWith('\x1b[2F\x1b[J'), 'close erases the block');
  });

  it('on a terminal that reports no width (0): rows are cut to a usual width, not to nothing', () => {
    let out = '';
    const view = new ProgressView((t) => (out += t), { live: true, columns: 0 });
    view.show({ kind: 'task', task: 'T1', state: 'implementation' });
    view.show({ kind: 'call', role: 'ceo', step: 'implementation', task: 'T1', phase: 'asked' });
    assert.ok(out.endsWith('tasks: T1 code…\nwaiting on: ceo implementation T1\n'), JSON.stringify(out));
  });

  it('on a terminal: block rows are cut to the width, so each takes one row', () => {
    const { view, out } = viewed(true);
    for (let i = 1; i <= 12; i++) view.show({ kind: 'task', task: `TASK${i}`, state: 'implementation' });
    const rows = out().split('\x1b[J').pop()?.split('\n').filter(Boolean) ?? [];
    assert.equal(rows.length, 1);
    assert.ok((rows[0] ?? '').length <= 59, rows[0]);
    assert.ok(rows[0]?.endsWith('…'));
  });
});
