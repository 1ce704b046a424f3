import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoldMemo } from '../../../src/core/codemap/foldMemo';
import type { Folding } from '../../../src/core/codemap/foldPaths';

/** A Folding whose lines say what was asked, and which counts how often it was asked. */
function labelled(tag: string): Folding & { asked: number } {
  const f = {
    asked: 0,
    all: (room: number) => (f.asked++, [`${tag} all ${room}`]),
    rest: (mapped: readonly string[], room: number) => (f.asked++, [`${tag} rest [${mapped.join(',')}] ${room}`]),
  };
  return f;
}

describe('remembered folds of a map', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'foldmemo-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives back a fold only for the same paths, the same files mapped in detail and the same room', async () => {
    const file = join(dir, 'codemap.json.fold');
    const first = new FoldMemo(file, 'paths-1', labelled('first'));
    assert.deepEqual(first.all(300), ['first all 300']);
    assert.deepEqual(first.rest(['a.ts', 'b.ts'], 200), ['first rest [a.ts,b.ts] 200']);
    await first.save();

    const same = labelled('second');
    const again = new FoldMemo(file, 'paths-1', same);
    assert.deepEqual(again.all(300), ['first all 300']);
    assert.deepEqual(again.rest(['a.ts', 'b.ts'], 200), ['first rest [a.ts,b.ts] 200']);
    assert.equal(same.asked, 0, 'the same folds are read back, not folded again');

    const cases: Array<[string, (m: FoldMemo) => string[], string[]]> = [
      ['another room for all', (m) => m.all(301), ['second all 301']],
      ['another room for the rest', (m) => m.rest(['a.ts', 'b.ts'], 199), ['second rest [a.ts,b.ts] 199']],
      ['other files mapped', (m) => m.rest(['a.ts', 'c.ts'], 200), ['second rest [a.ts,c.ts] 200']],
      ['fewer files mapped', (m) => m.rest(['a.ts'], 200), ['second rest [a.ts] 200']],
    ];
    for (const [what, ask, want] of cases) assert.deepEqual(ask(new FoldMemo(file, 'paths-1', labelled('second'))), want, what);
    assert.deepEqual(new FoldMemo(file, 'paths-2', labelled('other paths')).all(300), ['other paths all 300'], 'other paths');
  });
});
