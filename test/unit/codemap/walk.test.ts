import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { recon } from '../../../src/core/codemap/recon';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codemap-walk-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('which files a recon walks', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('honours .gitignore files where they are (patterns, negation, folders), and skips engine, VCS, dependency and build folders', async () => {
    dir = await project({
      '.gitignore': '*.log\n!keep.log\n/secret/\n',
      'a.ts': '', 'run.log': '', 'keep.log': '', 'secret/x.ts': '', 'deep/secret/y.ts': '',
      'web/.gitignore': 'gen/\n*.tmp.js\n',
      'web/app.js': '', 'web/gen/out.js': '', 'web/x.tmp.js': '', 'other/gen/kept.js': '', 'other/x.tmp.js': '',
      '.git/HEAD': '', '.factory/runs/r1/journal.jsonl': '', 'node_modules/dep/index.js': '',
      'dist/bundle.js': '', 'build/out.js': '', 'target/debug/x': '', 'coverage/lcov.info': '', 'py/__pycache__/m.pyc': '', '.venv/lib/site.py': '',
    });
    const r = await recon(dir, { budgetTokens: 1000 });
    assert.deepEqual(r.files.map((f) => f.path), [
      '.gitignore', 'a.ts', 'deep/secret/y.ts', 'keep.log', 'other/gen/kept.js', 'other/x.tmp.js', 'web/.gitignore', 'web/app.js',
    ]);
  });

  it('lists paths sorted as strings, folders and files with close names included', async () => {
    dir = await project({ 'a.ts': '', 'a-c.ts': '', 'a/b.ts': '', 'a/b/c.ts': '', 'a/b-d.ts': '', 'ab/x.ts': '', 'A.ts': '', 'a_/y.ts': '', 'a.d/z.ts': '', '_.ts': '' });
    const r = await recon(dir, { budgetTokens: 1000 });
    const paths = r.files.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.equal(paths.length, 10);
  });

  it('walks only `under` (paths stay workspace-relative), with the .gitignore rules of the folders above it', async () => {
    dir = await project({ '.gitignore': 'ignored.ts\n', 'top.ts': '', 'pkg/a.ts': '', 'pkg/ignored.ts': '', 'pkg/sub/b.ts': '', 'other/c.ts': '' });
    const r = await recon(dir, { budgetTokens: 1000, under: 'pkg' });
    assert.deepEqual(r.files.map((f) => f.path), ['pkg/a.ts', 'pkg/sub/b.ts']);
    assert.deepEqual((await recon(dir, { budgetTokens: 1000, under: './pkg/sub/' })).files.map((f) => f.path), ['pkg/sub/b.ts']);
  });

  it('refuses an `under` that leaves the root, saying which and why', async () => {
    dir = await project({ 'proj/a.ts': '', 'other/b.ts': '' });
    for (const under of ['../other', 'x/../../other', join(dir, 'other')]) {
      await assert.rejects(recon(join(dir, 'proj'), { budgetTokens: 1000, under }), (e: Error) => {
        assert.match(e.message, /under/);
        assert.ok(e.message.includes(under), e.message);
        assert.match(e.message, /inside the root/);
        return true;
      });
    }
  });

  it('walks a node_modules folder asked for as the root, but not the node_modules inside it', async () => {
    dir = await project({ 'node_modules/dep/index.js': 'exports.x = 1;\n', 'node_modules/dep/node_modules/inner/i.js': '' });
    const r = await recon(join(dir, 'node_modules'), { budgetTokens: 1000 });
    assert.deepEqual(r.files.map((f) => f.path), ['dep/index.js']);
  });

  it('does not follow symbolic links (they can leave the project or loop)', async () => {
    dir = await project({ 'a.ts': '', 'outside/secret.ts': '' });
    await mkdir(join(dir, 'proj'));
    await writeFile(join(dir, 'proj', 'own.ts'), '');
    await symlink(join(dir, 'outside'), join(dir, 'proj', 'linked'));
    await symlink(join(dir, 'a.ts'), join(dir, 'proj', 'link.ts'));
    await symlink(join(dir, 'proj'), join(dir, 'proj', 'loop'));
    const r = await recon(join(dir, 'proj'), { budgetTokens: 1000 });
    assert.deepEqual(r.files.map((f) => f.path), ['own.ts']);
  });

  it('an aborted recon stops with the abort reason', async () => {
    dir = await project({ 'a.ts': '' });
    const ac = new AbortController();
    ac.abort(new Error('stopped by the user'));
    await assert.rejects(recon(dir, { budgetTokens: 1000, signal: ac.signal }), /stopped by the user/);
  });
});
