// The "Factory" Output channel has the dashboard's log as text: one readable line per event.
import assert from 'node:assert/strict';
import { outputLine } from '../../../src/core/log/outputLine';
import { journalLog } from '../../../src/core/pipeline/report/journalLog';
import { createStoryShipped } from '../../support/journalStory';

describe('outputLine: a log entry as one line of the Output channel', () => {
  it('every line of a whole run\'s dashboard log is one line of text naming its source, with its message', () => {
    const entries = journalLog(createStoryShipped().events);
    assert.ok(entries.length > 50);
    for (const e of entries) {
      const line = outputLine(e);
      assert.doesNotMatch(line, /[\r\n]/, line);
      assert.ok(line.startsWith(`[${e.source}] ${e.message.split('\n')[0]?.trim()}`), line);
    }
  });

  it('folds a message that spans lines into one, and says how much folded text the dashboard has', () => {
    assert.equal(outputLine({ time: 0, level: 'error', source: 'run', message: 'crashed: boom\n    at x (a.js:1)\r\n  at y' }), '[run] crashed: boom at x (a.js:1) at y');
    assert.equal(outputLine({ time: 0, level: 'info', source: 'ceo', message: 'blueprint: A slugify library', detail: 'A slugify library\n\n```dac\n{}\n```' }), '[ceo] blueprint: A slugify library [5 lines folded on the dashboard]');
    assert.equal(outputLine({ time: 0, level: 'warn', source: 'command', message: '$ node --test → exit 1', detail: 'not ok 1' }), '[command] $ node --test → exit 1 [1 line folded on the dashboard]');
  });
});
