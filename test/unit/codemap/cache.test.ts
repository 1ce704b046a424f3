import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { foldFileOf } from '../../../src/core/codemap/foldMemo';
import { CACHE_VERSION } from '../../../src/core/codemap/parseCache';
import { digest } from '../../../src/core/codemap/rankFacts';
import { recon, type Recon } from '../../../src/core/codemap/recon';
import { scratchCopy } from './poly';

const RECON_JS = join(__dirname, '..', '..', '..', 'src', 'core', 'codemap', 'recon.js');

/** A recon in a new process (nothing in memory: the cache is read from disk). */
function reconElsewhere(root: string, cacheFile: string, budgetTokens = 4000): Recon {
  const script = `require(${JSON.stringify(RECON_JS)}).recon(${JSON.stringify(root)}, { budgetTokens: ${budgetTokens}, cacheFile: ${JSON.stringify(cacheFile)} }).then((r) => console.log(JSON.stringify(r)))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Recon;
}

/** A recon without what says how it was computed: what a user sees of it. */
function seen(r: Recon): Omit<Recon, 'stats'> {
  const { stats: _stats, ...rest } = r;
  return rest;
}

/** Moves a file's modification time on, as an editor saving it would. */
async function touch(path: string, seconds = 5): Promise<void> {
  const s = await stat(path);
  await utimes(path, s.atime, new Date(s.mtimeMs + seconds * 1000));
}

describe('code map cache', () => {
  let dir: string;
  let done: () => Promise<void>;
  let cacheFile: string;
  beforeEach(async () => {
    ({ dir, done } = await scratchCopy());
    cacheFile = join(dir, '.factory', 'cache', 'codemap.json');
  });
  afterEach(() => done());

  it('recons of one project side by side (a wave\'s tasks) all finish: their cache writes do not take each other\'s temporary file', async () => {
    const runs = await Promise.allSettled(Array.from({ length: 6 }, () => recon(dir, { budgetTokens: 4000, cacheFile })));
    assert.deepEqual(runs.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), []);
  });

  it('parses everything once, then nothing while files are unchanged, in this process and in a new one', async () => {
    const first = await recon(dir, { budgetTokens: 4000, cacheFile });
    assert.equal(first.stats?.parsed, first.files.length);
    assert.ok(!first.files.some((f) => f.path.startsWith('.factory/')), 'the cache folder is not part of the project');
    const again = await recon(dir, { budgetTokens: 4000, cacheFile });
    assert.deepEqual(again.stats && { parsed: again.stats.parsed, cached: again.stats.cached }, { parsed: 0, cached: first.files.length });
    assert.equal(again.map, first.map);
    const elsewhere = reconElsewhere(dir, cacheFile);
    assert.equal(elsewhere.stats?.parsed, 0);
    assert.equal(elsewhere.map, first.map);
  });

  it('re-parses only the file that changed, and the map shows its new symbols', async () => {
    await recon(dir, { budgetTokens: 4000, cacheFile });
    const util = join(dir, 'src', 'util.js');
    await writeFile(util, `${await readFile(util, 'utf8')}\nfunction addedLater(a, b) {\n  return a + b;\n}\n`);
    await touch(util);
    const r = await recon(dir, { budgetTokens: 4000, cacheFile });
    assert.deepEqual(r.stats && { parsed: r.stats.parsed, cached: r.stats.cached }, { parsed: 1, cached: r.files.length - 1 });
    assert.match(r.map, /function addedLater\(a, b\)/);
    // A new process sees the change too (it was written to the cache's log, not only kept in memory).
    const elsewhere = reconElsewhere(dir, cacheFile);
    assert.equal(elsewhere.stats?.parsed, 0);
    assert.match(elsewhere.map, /function addedLater\(a, b\)/);
  });

  it('a change of size alone (same modification time) is a change', async () => {
    await recon(dir, { budgetTokens: 4000, cacheFile });
    const lonely = join(dir, 'src', 'lonely.ts');
    const before = await stat(lonely);
    await writeFile(lonely, 'export function renamed(y: number): number {\n  return y * 2;\n}\n');
    await utimes(lonely, before.atime, before.mtime);
    const r = await recon(dir, { budgetTokens: 4000, cacheFile });
    assert.equal(r.stats?.parsed, 1);
    assert.match(r.map, /function renamed\(y: number\): number/);
  });

  it('recons at the same time on one cache (parallel tasks of a wave) all succeed and agree', async () => {
    const runs = await Promise.all(Array.from({ length: 6 }, () => recon(dir, { budgetTokens: 4000, cacheFile })));
    for (const r of runs) assert.equal(r.map, runs[0].map);
    assert.equal(reconElsewhere(dir, cacheFile).stats?.parsed, 0);
  });

  it('a cache that cannot be written does not fail the recon', async () => {
    const r = await recon(dir, { budgetTokens: 4000, cacheFile: join(dir, 'README.md', 'codemap.json') });
    assert.match(r.map, /class Store/);
  });

  it('forgets deleted files', async () => {
    await recon(dir, { budgetTokens: 4000, cacheFile });
    await rm(join(dir, 'src', 'lonely.ts'));
    const r = await recon(dir, { budgetTokens: 4000, cacheFile });
    assert.ok(!r.files.some((f) => f.path === 'src/lonely.ts'));
    assert.doesNotMatch(r.map, /neverUsed/);
    assert.doesNotMatch(reconElsewhere(dir, cacheFile).map, /neverUsed/);
  });

  it('a corrupt or foreign cache file is ignored (everything parsed again), never trusted', async () => {
    const first = await recon(dir, { budgetTokens: 4000, cacheFile });
    const s = await stat(join(dir, 'src', 'store.ts'));
    // An entry whose stamp matches the file but whose facts are not facts (the format before version 5).
    const wrongShape = JSON.stringify({ version: CACHE_VERSION, entries: { 'src/store.ts': { mtimeMs: s.mtimeMs, bytes: s.size, facts: { symbols: 'x' } } } });
    const real = await readFile(cacheFile);
    for (const junk of [wrongShape, '{not json', '{"version": 999, "entries": {}}', '', real.subarray(0, real.length >> 1).toString('latin1')]) {
      await writeFile(cacheFile, junk, 'latin1');
      await rm(`${cacheFile}.log`, { force: true });
      const r = await recon(dir, { budgetTokens: 4000, cacheFile });
      assert.equal(r.stats?.parsed, first.files.length, junk.slice(0, 80));
      assert.equal(r.map, first.map, junk.slice(0, 80));
    }
  });

  it('a cache edited in place so that it still reads (a symbol renamed, same length) is not trusted: the map shows the files as they are', async () => {
    const truth = seen(await recon(dir, { budgetTokens: 4000 }));
    await recon(dir, { budgetTokens: 4000, cacheFile });
    // Every file the cache keeps, in any form, gets the same edit; the project's files do not.
    const cacheDir = join(dir, '.factory', 'cache');
    let edited = 0;
    for (const name of await readdir(cacheDir)) {
      const text = await readFile(join(cacheDir, name), 'latin1');
      if (!text.includes('createStore')) continue;
      await writeFile(join(cacheDir, name), text.replaceAll('createStore', 'createStorX'), 'latin1');
      edited++;
    }
    assert.ok(edited > 0, 'the cache keeps the symbol somewhere');
    assert.deepEqual(seen(await recon(dir, { budgetTokens: 4000, cacheFile })), truth);
    assert.deepEqual(seen(reconElsewhere(dir, cacheFile)), truth);
  });

  it('many small edits keep the log of changes as short as what it holds, and every recon through them is the recon computed afresh', async function () {
    this.timeout(60_000);
    // Enough files, with enough in them, that one change is a small share (else the cache is written whole).
    await mkdir(join(dir, 'gen'));
    const body = (i: number): string => Array.from({ length: 30 }, (_, k) => `export function g${i}f${k}(value: number): number {\n  return value * ${k};\n}\n`).join('');
    for (let i = 0; i < 40; i++) await writeFile(join(dir, 'gen', `g${i}.ts`), body(i));
    await recon(dir, { budgetTokens: 4000, cacheFile });
    const util = join(dir, 'src', 'util.js');
    const store = join(dir, 'src', 'store.ts');
    for (let round = 1; round <= 20; round++) {
      // Two files edited in turn, each many times: the log holds two files whatever the rounds.
      const file = round % 2 ? util : store;
      await writeFile(file, `${await readFile(file, 'utf8')}\nexport function edit${round}(a) {\n  return a + ${round};\n}\n`);
      await touch(file, round);
      const truth = seen(await recon(dir, { budgetTokens: 4000 }));
      // Every fifth round in a new process (what it reads is the log on disk).
      const got = round % 5 === 0 ? seen(reconElsewhere(dir, cacheFile)) : seen(await recon(dir, { budgetTokens: 4000, cacheFile }));
      assert.deepEqual(got, truth, `round ${round}`);
    }
    const log = (await readFile(`${cacheFile}.log`, 'utf8')).split('\n').filter(Boolean);
    assert.ok(log.length <= 9, `the log has ${log.length} lines after 20 edits of 2 files`);
    assert.ok(log.join('\n').includes('edit20') && log.join('\n').includes('edit19'), 'its lines hold the last edits of both files');
  });

  it('a damaged or foreign record of the folded paths is not trusted: the map folds the paths as they are', async () => {
    // A small budget: most files are left out of the detail and folded by folder.
    const budgetTokens = 200;
    const truth = seen(await recon(dir, { budgetTokens }));
    assert.match(truth.map, / — \d+ files? /, 'the map folds the files it leaves out');
    await recon(dir, { budgetTokens, cacheFile });
    const foldFile = foldFileOf(cacheFile);
    const stored = await readFile(foldFile, 'utf8');
    /** Every count of files in the stored folds raised by 7. */
    const raised = (text: string): string => text.replace(/ — (\d+) file/g, (_, n: string) => ` — ${Number(n) + 7} file`);
    const json = JSON.parse(stored.slice(16)) as { paths: string; folds: Array<{ lines: string[] }> };
    const foreign = JSON.stringify({ ...json, paths: 'x'.repeat(16), folds: json.folds.map((f) => ({ ...f, lines: f.lines.map(raised) })) });
    const edits: Array<[string, string]> = [
      // Counts changed in place: the digest no longer fits.
      ['damaged', raised(stored)],
      // Whole and digested, but the folds of another set of paths (another project's, or from before files were added).
      ['foreign', `${digest(foreign)}${foreign}`],
    ];
    for (const [what, text] of edits) {
      assert.notEqual(text, stored, what);
      await writeFile(foldFile, text);
      assert.deepEqual(seen(reconElsewhere(dir, cacheFile, budgetTokens)), truth, what);
    }
  });

  for (const budgetTokens of [4000, 200, 120]) {
    it(`a cached recon is the recon computed afresh, in this process and a new one, through a change, a deletion and an added file (budget ${budgetTokens} tokens)`, async function () {
      // Six steps, each three recons here and one in a new process: slow on a loaded machine.
      this.timeout(180_000);
      const same = async (step: string): Promise<void> => {
        const truth = seen(await recon(dir, { budgetTokens }));
        assert.deepEqual(seen(await recon(dir, { budgetTokens, cacheFile })), truth, `${step}: this process`);
        assert.deepEqual(seen(await recon(dir, { budgetTokens, cacheFile })), truth, `${step}: this process, again`);
        const script = `require(${JSON.stringify(RECON_JS)}).recon(${JSON.stringify(dir)}, { budgetTokens: ${budgetTokens}, cacheFile: ${JSON.stringify(cacheFile)} }).then((r) => console.log(JSON.stringify(r)))`;
        const elsewhere = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Recon;
        assert.deepEqual(seen(elsewhere), truth, `${step}: a new process`);
      };
      await same('cold');
      await same('warm');
      // A change that moves the ranking: util.js now imports lonely.ts and gains a function.
      const util = join(dir, 'src', 'util.js');
      await writeFile(util, `const { neverUsed } = require('./lonely');\n${await readFile(util, 'utf8')}\nfunction addedLater(a, b) {\n  return neverUsed(a) + b;\n}\n`);
      await touch(util);
      await same('after a change');
      // A change inside a body only: the ranking stays, the lines move.
      const store = join(dir, 'src', 'store.ts');
      await writeFile(store, (await readFile(store, 'utf8')).replace('return new Store(options);', 'const made = new Store(options);\n  return made;'));
      await touch(store);
      await same('after a change inside a body');
      await rm(join(dir, 'py', 'app', 'models.py'));
      await same('after a deletion');
      await writeFile(join(dir, 'src', 'extra.ts'), "import { Store, createStore } from './store';\nexport function extra(): Store {\n  return createStore();\n}\n");
      await same('after an added file');
    });
  }
});
