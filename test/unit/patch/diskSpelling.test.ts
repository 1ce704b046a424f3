import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { diskLookup, fold, ignoresCase, spelledOnDisk, type NameLookup } from '../../../src/core/patch/diskSpelling';
import { FsWorkspace } from '../../../src/core/patch/fsWorkspace';
import { rawBlock } from './blockText';

/**
 * This disk seen as a case-insensitive one (as on Windows, macOS or FAT; this disk is case-sensitive):
 * a name is found whatever its case, and folders list names as they are stored.
 */
const caseInsensitive: NameLookup = {
  list: (dir) => diskLookup.list(dir),
  async exists(path) {
    let at: string = sep;
    for (const name of path.split(sep).filter(Boolean)) {
      const entries = await readdir(at).catch(() => undefined);
      const found = entries?.find((e) => fold(e) === fold(name));
      if (found === undefined) return false;
      at = join(at, found);
    }
    return true;
  },
};

describe('how the disk spells a name (one file under two names)', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'factory-spelling-'));
    await mkdir(join(root, 'Src'));
    await writeFile(join(root, 'Src', 'App.ts'), 'x\n');
    await mkdir(join(root, 'docs'));
    await writeFile(join(root, 'docs', 'README.md'), 'r\n');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('spells a path as its folders list it, so another case of the same name meets it', async () => {
    assert.equal(await spelledOnDisk(root, join(root, 'src', 'app.ts')), join(root, 'Src', 'App.ts'));
    assert.equal(await spelledOnDisk(root, join(root, 'Src', 'App.ts')), join(root, 'Src', 'App.ts'));
  });

  it('finds the listed spelling among many names', async () => {
    for (const n of ['Alpha.ts', 'Zed.ts', 'mid.ts']) await writeFile(join(root, 'Src', n), '');
    assert.equal(await spelledOnDisk(root, join(root, 'SRC', 'zed.TS')), join(root, 'Src', 'Zed.ts'));
    assert.equal(await spelledOnDisk(root, join(root, 'src', 'MID.ts')), join(root, 'Src', 'mid.ts'));
  });

  it('finds what exists, and only that', async () => {
    assert.equal(await diskLookup.exists(join(root, 'Src', 'App.ts')), true);
    assert.equal(await diskLookup.exists(join(root, 'Src', 'Nope.ts')), false);
  });

  it('judges a folder by any name with letters in it, whatever the folder is called', async () => {
    await mkdir(join(root, '2024'));
    await writeFile(join(root, '2024', 'LICENSE'), '');
    await writeFile(join(root, '2024', '01'), '');
    await mkdir(join(root, '2025'));
    await writeFile(join(root, '2025', 'notes'), '');
    for (const dir of ['2024', '2025']) {
      assert.equal(await ignoresCase(join(root, dir), caseInsensitive), true, dir);
      assert.equal(await ignoresCase(join(root, dir), diskLookup), false, dir);
    }
    // An empty folder next to its case twin: only a case-sensitive parent holds both.
    await mkdir(join(root, 'Ab'));
    await mkdir(join(root, 'aB'));
    assert.equal(await ignoresCase(join(root, 'Ab'), diskLookup), false);
  });

  it('keeps a name its folder lists exactly, even when another differs only in case', async () => {
    await writeFile(join(root, 'Src', 'app.ts'), 'y\n');
    assert.equal(await spelledOnDisk(root, join(root, 'Src', 'app.ts')), join(root, 'Src', 'app.ts'));
  });

  it('tells a folder that ignores case from one that does not', async () => {
    assert.equal(await ignoresCase(join(root, 'docs'), caseInsensitive), true);
    assert.equal(await ignoresCase(join(root, 'docs'), diskLookup), false);
    // An empty folder is judged by its own name in its parent.
    await mkdir(join(root, 'Empty'));
    assert.equal(await ignoresCase(join(root, 'Empty'), caseInsensitive), true);
    assert.equal(await ignoresCase(join(root, 'Empty'), diskLookup), false);
    // Two names that differ only in case, side by side: only a case-sensitive folder holds both.
    await mkdir(join(root, 'twins'));
    await writeFile(join(root, 'twins', 'ab'), '');
    await writeFile(join(root, 'twins', 'AB'), '');
    assert.equal(await ignoresCase(join(root, 'twins'), diskLookup), false);
  });

  it('two new names that differ only in case are one new file where the folder ignores case, two where it does not', async () => {
    const reply = rawBlock('docs/Notes.md', '', 'mine\n') + rawBlock('docs/notes.md', '', 'other\n');
    const folding = await applyPatchText(reply, new FsWorkspace(root, caseInsensitive));
    assert.deepEqual(
      folding.blocks.map((b) => [b.status, b.kind ?? b.strategy]),
      [
        ['applied', 'create'],
        ['refused', 'file_exists'],
      ],
    );
    assert.equal(folding.changes.length, 1);
    const telling = await applyPatchText(reply, new FsWorkspace(root));
    assert.deepEqual(telling.blocks.map((b) => b.status), ['applied', 'applied']);
    assert.equal(telling.changes.length, 2);
  });
});
