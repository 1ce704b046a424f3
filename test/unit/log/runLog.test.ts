import assert from 'node:assert/strict';
import { RunLog } from '../../../src/core/log/runLog';

describe('RunLog', () => {
  it('tells listeners about each entry, in order, until they unsubscribe', () => {
    const log = new RunLog(10, () => 42);
    const seen: string[] = [];
    const stop = log.subscribe((e) => seen.push(`${e.level}:${e.source}:${e.message}:${e.time}`));
    log.info('review', 'round 1');
    log.warn('qc', 'score 80 < 95');
    stop();
    log.error('ceo', 'not seen');
    assert.deepEqual(seen, ['info:review:round 1:42', 'warn:qc:score 80 < 95:42']);
    assert.equal(log.snapshot().length, 3);
  });

  it('keeps only the newest entries so a long run cannot grow memory without end', () => {
    const log = new RunLog(3);
    for (let i = 0; i < 10; i++) log.info('t', `m${i}`);
    assert.deepEqual(
      log.snapshot().map((e) => e.message),
      ['m7', 'm8', 'm9'],
    );
  });

  it('hands out copies, so a caller cannot rewrite the log', () => {
    const log = new RunLog();
    log.info('a', 'b');
    log.snapshot().pop();
    assert.equal(log.snapshot().length, 1);
  });
});
