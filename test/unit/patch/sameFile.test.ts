import assert from 'node:assert/strict';
import { link, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { FsWorkspace } from '../../../src/core/patch/fsWorkspace';
import { readerFromMap } from '../../../src/core/patch/reader';
import { withWriteOutcomes } from '../../../src/core/patch/writeOutcomes';
import type { FileRead, PatchReader } from '../../../src/core/ports';
import { rawBlock } from './blockText';

// DESIGN.md, "What models may write" / issue 7 item 5: a file reached through two names in one reply
// (a link inside the workspace, or letter case on a case-insensitive disk) is one file. Its blocks
// apply in order to one text, and it becomes one change, so no edit overwrites another.

/** A disk where names differ only in letter case name the same file, as on Windows and macOS. */
function caseInsensitiveReader(files: Record<string, string>): PatchReader & { reads: string[] } {
  const byFold = new Map(Object.entries(files).map(([p, t]) => [p.toLowerCase(), t]));
  const reads: string[] = [];
  return {
    reads,
    async read(path): Promise<FileRead> {
      reads.push(path);
      const text = byFold.get(path.toLowerCase());
      const identity = path.toLowerCase();
      return text === undefined ? { kind: 'missing', identity } : { kind: 'text', text, identity };
    },
  };
}

describe('one file under two names in one reply', () => {
  describe('letter case on a case-insensitive disk (simulated: this disk is case-sensitive)', () => {
    it('applies the blocks in order to one text and makes one change', async () => {
      const reader = caseInsensitiveReader({ 'src/App.ts': 'one\ntwo\nthree\n' });
      const r = await applyPatchText(rawBlock('src/App.ts', 'one\n', 'ONE\n') + rawBlock('src/app.ts', 'ONE\ntwo\n', 'ONE\nTWO\n') + rawBlock('SRC/APP.TS', 'three\n', 'THREE\n'), reader);
      assert.deepEqual(
        r.blocks.map((b) => [b.status, b.file, b.line]),
        [
          ['applied', 'src/App.ts', 1],
          ['applied', 'src/App.ts', 1],
          ['applied', 'src/App.ts', 3],
        ],
      );
      assert.deepEqual(r.changes, [{ path: 'src/App.ts', before: 'one\ntwo\nthree\n', after: 'ONE\nTWO\nTHREE\n' }]);
      assert.ok(r.blocks[1].notes.some((n) => n.includes('"src/app.ts"') && n.includes('src/App.ts')), r.blocks[1].notes.join('; '));
    });

    it('a second creation of the same file under another case is refused as existing, not a second file', async () => {
      const reader = caseInsensitiveReader({});
      const r = await applyPatchText(rawBlock('docs/Notes.md', '', 'mine\n') + rawBlock('docs/notes.md', '', 'other\n'), reader);
      assert.deepEqual(
        r.blocks.map((b) => [b.status, b.kind ?? b.strategy]),
        [
          ['applied', 'create'],
          ['refused', 'file_exists'],
        ],
      );
      assert.match(r.blocks[1].reason ?? '', /docs\/notes\.md.*docs\/Notes\.md/);
      assert.deepEqual(r.changes, [{ path: 'docs/Notes.md', before: null, after: 'mine\n' }]);
    });

    it('a failed block under the other name says which file it was applied to', async () => {
      const reader = caseInsensitiveReader({ 'a.txt': 'x\n' });
      const r = await applyPatchText(rawBlock('a.txt', 'x\n', 'y\n') + rawBlock('A.TXT', 'x\n', 'z\n'), reader);
      assert.equal(r.blocks[1].status, 'failed');
      assert.match(r.blocks[1].reason ?? '', /^block 2 \(A\.TXT, the same file as a\.txt\)/);
      assert.deepEqual(r.changes, [{ path: 'a.txt', before: 'x\n', after: 'y\n' }]);
    });

    it('keeps a reader without identities (in memory) working: names are files', async () => {
      const r = await applyPatchText(rawBlock('a.txt', 'x\n', 'y\n') + rawBlock('A.txt', 'x\n', 'z\n'), readerFromMap({ 'a.txt': 'x\n', 'A.txt': 'x\n' }));
      assert.deepEqual(r.changes, [
        { path: 'a.txt', before: 'x\n', after: 'y\n' },
        { path: 'A.txt', before: 'x\n', after: 'z\n' },
      ]);
    });
  });

  describe('links inside the workspace, on disk (the CLI host)', () => {
    let root = '';
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'factory-samefile-'));
      await mkdir(join(root, 'src'));
      await writeFile(join(root, 'src', 'a.ts'), 'one\ntwo\nthree\n');
    });
    afterEach(async () => {
      await rm(root, { recursive: true, force: true });
    });

    async function patch(reply: string) {
      const host = new FsWorkspace(root);
      const result = await applyPatchText(reply, host);
      return withWriteOutcomes(result, await host.write(result.changes));
    }

    it('a file link: both blocks are written, in order, to the one file', async () => {
      await symlink('a.ts', join(root, 'src', 'alias.ts'));
      const r = await patch(rawBlock('src/a.ts', 'one\n', 'ONE\n') + rawBlock('src/alias.ts', 'ONE\ntwo\n', 'ONE\nTWO\n') + rawBlock('src/a.ts', 'three\n', 'THREE\n'));
      assert.deepEqual(
        r.blocks.map((b) => [b.status, b.file]),
        [
          ['applied', 'src/a.ts'],
          ['applied', 'src/a.ts'],
          ['applied', 'src/a.ts'],
        ],
      );
      assert.equal(r.changes.length, 1);
      assert.equal(await readFile(join(root, 'src', 'a.ts'), 'utf8'), 'ONE\nTWO\nTHREE\n');
      assert.equal(await readFile(join(root, 'src', 'alias.ts'), 'utf8'), 'ONE\nTWO\nTHREE\n');
    });

    it('a folder link: lib/a.ts and src/a.ts are one file, whichever comes first', async () => {
      await symlink('src', join(root, 'lib'));
      const r = await patch(rawBlock('lib/a.ts', 'two\n', '2\n') + rawBlock('src/a.ts', 'one\n2\n', '1\n2\n'));
      assert.deepEqual(
        r.blocks.map((b) => [b.status, b.file]),
        [
          ['applied', 'lib/a.ts'],
          ['applied', 'lib/a.ts'],
        ],
      );
      assert.equal(await readFile(join(root, 'src', 'a.ts'), 'utf8'), '1\n2\nthree\n');
      assert.deepEqual((await readdir(root)).sort(), ['lib', 'src']);
    });

    it('a new file created through a folder link and edited under its real name is one new file', async () => {
      await symlink('src', join(root, 'lib'));
      const r = await patch(rawBlock('lib/new.ts', '', 'n1\nn2\n') + rawBlock('src/new.ts', 'n2\n', 'N2\n'));
      assert.deepEqual(
        r.blocks.map((b) => [b.status, b.strategy]),
        [
          ['applied', 'create'],
          ['applied', 'exact'],
        ],
      );
      assert.equal(await readFile(join(root, 'src', 'new.ts'), 'utf8'), 'n1\nN2\n');
    });

    it('hard links stay two names: each is written on its own, as before', async () => {
      await link(join(root, 'src', 'a.ts'), join(root, 'src', 'hard.ts'));
      const r = await patch(rawBlock('src/a.ts', 'one\n', 'ONE\n') + rawBlock('src/hard.ts', 'three\n', 'THREE\n'));
      assert.deepEqual(r.blocks.map((b) => b.status), ['applied', 'applied']);
      assert.equal(await readFile(join(root, 'src', 'a.ts'), 'utf8'), 'ONE\ntwo\nthree\n');
      assert.equal(await readFile(join(root, 'src', 'hard.ts'), 'utf8'), 'one\ntwo\nTHREE\n');
    });
  });
});
