import assert from 'node:assert/strict';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { readerFromMap } from '../../../src/core/patch/reader';
import { withWriteOutcomes } from '../../../src/core/patch/writeOutcomes';

describe('withWriteOutcomes', () => {
  it('turns a block whose file was not written into a failure that reports no strategy, and drops its change', async () => {
    const reply = 'a.txt\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\nb.txt\n<<<<<<< SEARCH\nb\n=======\nB\n>>>>>>> REPLACE\n';
    const r = await applyPatchText(reply, readerFromMap({ 'a.txt': 'x\n', 'b.txt': 'b\n' }));
    const final = withWriteOutcomes(r, [
      { path: 'a.txt', ok: false, reason: 'disk full' },
      { path: 'b.txt', ok: true },
    ]);
    assert.deepEqual(
      final.blocks.map((b) => [b.status, b.kind, b.strategy]),
      [
        ['failed', 'write_failed', null],
        ['applied', null, 'exact'],
      ],
    );
    assert.match(final.blocks[0].reason ?? '', /not written: disk full/);
    assert.deepEqual(
      final.changes.map((c) => c.path),
      ['b.txt'],
    );
  });
});
