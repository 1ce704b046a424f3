import assert from 'node:assert/strict';
import { listedDetail, type RankDetail } from '../../../src/core/codemap/rankDetail';
import { changeLine, patched, replay } from '../../../src/core/codemap/rankLog';

const V = 5;
const detail = (keys: string[]): RankDetail => listedDetail(keys, keys.map(() => ''), keys.map(() => ''), new Set());
const start = { pathsKey: 'P', keysKey: 'K0', scores: [1, 2, 3], refs: [[1], [2], [3]] };

/** A change from `from` to `to` setting file 1's score and key. */
function line(from: string, to: string, score: number, key: string, pathsKey = 'P'): string {
  const d = detail(['a', key, 'c']);
  return changeLine(V, pathsKey, from, to, [0, score, 0], [[], [score], []], d, [1], [1]);
}

describe("the ranking's log of updates", () => {
  it('applies the lines that follow on from the ranking reached, in order, and patches the detail with them', () => {
    const r = replay(line('K0', 'K1', 10, 'k1') + line('K1', 'K2', 20, 'k2'), V, start);
    assert.equal(r.keysKey, 'K2');
    assert.deepEqual(r.scores, [1, 20, 3]);
    assert.deepEqual(r.refs, [[1], [20], [3]]);
    assert.deepEqual(patched(detail(['a', 'b', 'c']), r.taken).keys, ['a', 'k2', 'c']);
    assert.deepEqual(start.scores, [1, 2, 3], 'the stored ranking itself is not changed');
  });

  it('skips a line from another ranking: two recons that updated the same one at once, a line of other paths, a torn last line', () => {
    const log = line('K0', 'K1', 10, 'k1') + line('K0', 'K9', 99, 'k9') + line('K1', 'K2', 20, 'k2', 'OTHER') + line('K1', 'K3', 30, 'k3').slice(0, 40);
    const r = replay(log, V, start);
    assert.equal(r.keysKey, 'K1');
    assert.deepEqual(r.scores, [1, 10, 3]);
    assert.equal(r.taken.length, 1);
  });

  it('skips a line naming a file the ranking does not have, or of another version', () => {
    const d = detail(['a', 'b', 'c', 'd']);
    const outside = changeLine(V, 'P', 'K0', 'K1', [0, 0, 0, 7], [[], [], [], [7]], d, [3], [3]);
    assert.equal(replay(outside, V, start).keysKey, 'K0');
    assert.equal(replay(line('K0', 'K1', 10, 'k1'), V + 1, start).keysKey, 'K0');
  });
});
