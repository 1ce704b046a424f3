// What a run in VS Code writes to the session log: lines the journal also gives stay there (the
// dashboard and the Output channel show the journal's); notes and warnings it has no line for do not.
import assert from 'node:assert/strict';
import { RunLog } from '../../../src/core/log/runLog';
import { RunView, RUN_SOURCE } from '../../../src/vscode/runView';

describe('RunView: the session log of a run in VS Code', () => {
  it("a run's warnings and notes reach the dashboard and the Output channel; its stages and task steps come from the journal there", () => {
    const log = new RunLog();
    const view = new RunView(log, () => undefined);
    view.progress({ kind: 'stage', stage: 'review', detail: 'round 1' });
    view.progress({ kind: 'task', task: 'T1', state: 'red' });
    view.progress({ kind: 'warn', message: 'the learnings could not be read, so this run uses none: bad JSON' });
    view.progress({ kind: 'info', message: '3 recorded steps reused from the journal' });
    const shown = log.snapshot().filter((e) => e.source !== RUN_SOURCE);
    assert.deepEqual(
      shown.map((e) => [e.level, e.message]),
      [
        ['warn', 'the learnings could not be read, so this run uses none: bad JSON'],
        ['info', '3 recorded steps reused from the journal'],
      ],
    );
    assert.equal(log.snapshot().length, 4, 'the session log keeps every line');
  });
});
