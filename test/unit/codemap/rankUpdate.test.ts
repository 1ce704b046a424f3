import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { recon, type Recon } from '../../../src/core/codemap/recon';
import { incomingAt } from '../../../src/core/codemap/rankDetail';
import { digest } from '../../../src/core/codemap/rankFacts';
import { loadRank, rankFileOf, type StoredRank } from '../../../src/core/codemap/rankStore';

const RECON_JS = join(__dirname, '..', '..', '..', 'src', 'core', 'codemap', 'recon.js');
const RANK_STORE_JS = join(__dirname, '..', '..', '..', 'src', 'core', 'codemap', 'rankStore.js');
const FILES = 40;

/** A small deterministic generator (tests must not depend on chance). */
function generator(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

/** A module importing a few others, each by the names it uses (or all of one, or only the file). */
function moduleText(i: number, pick: (n: number) => number, extra: number): string {
  const lines: string[] = [];
  for (let k = 0, n = pick(5); k < n; k++) {
    const j = pick(FILES);
    if (j === i) continue;
    const style = pick(4);
    if (style === 0) lines.push(`import * as m${j} from './m${j}';\nexport const use${j} = m${j}.f${pick(3)};`);
    else if (style === 1) lines.push(`export * from './m${j}';`);
    else if (style === 2) lines.push(`import './m${j}';`);
    else lines.push(`import { f${pick(3)}, f${pick(3)} } from './m${j}';`);
  }
  for (let f = 0; f < 3 + extra; f++) lines.push(`export function f${f}(a: number): number {\n  return a + ${i};\n}`);
  return `${lines.join('\n')}\n`;
}

/** What comes into each file, as the stored detail says (its names in order: encodings may list them in any order). */
function incomingOf(r: StoredRank | null): Array<[number, Array<[string, number]>]> | null {
  const d = r?.detail();
  if (!d) return null;
  return d.keys.map((_, i) => {
    const got = incomingAt(d, i);
    return [got.importers, [...got.uses].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))];
  });
}

/** The order and symbols the map shows: what the ranking decides. */
function seen(r: Recon): Omit<Recon, 'stats'> {
  const { stats: _stats, ...rest } = r;
  return rest;
}

describe('the stored ranking, updated after a few files change', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codemap-rank-'));
    await mkdir(join(dir, 'src'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is the ranking computed afresh, round after round of edits to imports and names (in this process and a new one)', async function () {
    // Eight rounds of three recons, two in new processes: slow on a loaded machine.
    this.timeout(180_000);
    const pick = generator(7);
    for (let i = 0; i < FILES; i++) await writeFile(join(dir, 'src', `m${i}.ts`), moduleText(i, pick, 0));
    const cacheFile = join(dir, '.factory', 'cache', 'codemap.json');
    const budgetTokens = 50_000;
    assert.deepEqual(seen(await recon(dir, { budgetTokens, cacheFile })), seen(await recon(dir, { budgetTokens })));
    // Rounds whose update was stored as a line of the ranking's log (not the ranking rewritten whole).
    let logged = 0;
    for (let round = 1; round <= 8; round++) {
      for (let k = 0, n = 1 + pick(3); k < n; k++) {
        const i = pick(FILES);
        const file = join(dir, 'src', `m${i}.ts`);
        const s = await stat(file);
        await writeFile(file, moduleText(i, pick, pick(2)));
        await utimes(file, s.atime, new Date(s.mtimeMs + round * 1000));
      }
      const truth = seen(await recon(dir, { budgetTokens }));
      assert.deepEqual(seen(await recon(dir, { budgetTokens, cacheFile })), truth, `round ${round}`);
      if (await stat(`${rankFileOf(cacheFile)}.log`).then(() => true, () => false)) logged++;
      // The scores themselves, not only the order they give: as a recon with a new cache ranks them.
      const fresh = join(dir, '.factory', `fresh${round}`, 'codemap.json');
      await recon(dir, { budgetTokens, cacheFile: fresh });
      const updated = loadRank(rankFileOf(cacheFile));
      const whole = loadRank(rankFileOf(fresh));
      assert.deepEqual(updated && { scores: updated.scores, refs: updated.refs }, whole && { scores: whole.scores, refs: whole.refs }, `round ${round}: scores`);
      // What the next update starts from: the importers and names counted into each file.
      assert.deepEqual(incomingOf(updated), incomingOf(whole), `round ${round}: what comes into each file`);
      await rm(dirname(fresh), { recursive: true, force: true });
      if (round % 4 === 0) {
        const script = `require(${JSON.stringify(RECON_JS)}).recon(${JSON.stringify(dir)}, { budgetTokens: ${budgetTokens}, cacheFile: ${JSON.stringify(cacheFile)} }).then((r) => console.log(JSON.stringify(r)))`;
        assert.deepEqual(seen(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Recon), truth, `round ${round}, a new process`);
      }
    }
    assert.ok(logged > 0, 'some updates were appended to the log');
  });

  it('a damaged ranking, detail or log of updates is not trusted: the map is the one computed afresh', async function () {
    this.timeout(60_000);
    const pick = generator(11);
    for (let i = 0; i < FILES; i++) await writeFile(join(dir, 'src', `m${i}.ts`), moduleText(i, pick, 0));
    const cacheFile = join(dir, '.factory', 'cache', 'codemap.json');
    const rankFile = rankFileOf(cacheFile);
    const budgetTokens = 50_000;
    await recon(dir, { budgetTokens, cacheFile });
    const order = (await recon(dir, { budgetTokens })).files.map((f) => f.path);
    /**
     * The detail with what comes into file `path` said to be 999 importers, its index and header
     * made to fit again: only the line's own checksum can tell (rankDetail.ts has the layout).
     */
    const inflated = (path: string) => (b: Buffer): Buffer => {
      const nl = b.indexOf(10);
      const h = JSON.parse(b.subarray(0, nl).toString('utf8')) as { files: number; keysBytes: number; indexBytes: number; index: string };
      const n = h.files;
      const indexAt = nl + 1 + h.keysBytes;
      const linesAt = indexAt + h.indexBytes;
      const at = (k: number): number => linesAt + b.readUInt32LE(indexAt + 4 * k);
      const lines = Array.from({ length: 2 * n }, (_, k) => b.subarray(at(k), at(k + 1)));
      const k = n + order.indexOf(path);
      lines[k] = Buffer.concat([lines[k].subarray(0, 8), Buffer.from('999')]);
      const index = Buffer.alloc(h.indexBytes);
      let offset = 0;
      lines.forEach((line, j) => {
        index.writeUInt32LE(offset, 4 * j);
        offset += line.length;
      });
      index.writeUInt32LE(offset, 8 * n);
      const header = JSON.stringify({ ...h, index: digest(index) });
      return Buffer.concat([Buffer.from(`${header}\n`), b.subarray(nl + 1, indexAt), index, ...lines]);
    };
    const damages: Array<[string, (b: Buffer) => Buffer]> = [
      [`${rankFile}.detail`, inflated('src/m1.ts')],
      // A line of the log that does not parse.
      [`${rankFile}.log`, (b) => Buffer.concat([b, Buffer.from('{"version":6,"pathsKey"\n')])],
      // The summary cut short.
      [rankFile, (b) => b.subarray(0, b.length >> 1)],
    ];
    for (const [round, [file, damage]] of damages.entries()) {
      const bytes = await readFile(file).catch(() => Buffer.from(''));
      await writeFile(file, damage(bytes));
      // Then a file comes to import src/m1.ts: the next recon updates the ranking from what is stored.
      const g = join(dir, 'src', `m${round + 10}.ts`);
      const gs = await stat(g);
      await writeFile(g, `import { f1 } from './m1';\n${moduleText(round + 10, pick, 2)}`);
      await utimes(g, gs.atime, new Date(gs.mtimeMs + 10_000 * (round + 1)));
      // In a new process: this one keeps the ranking it wrote in memory and would not read the damaged file.
      const script = `require(${JSON.stringify(RECON_JS)}).recon(${JSON.stringify(dir)}, { budgetTokens: ${budgetTokens}, cacheFile: ${JSON.stringify(cacheFile)} }).then((r) => console.log(JSON.stringify({ r, scores: require(${JSON.stringify(RANK_STORE_JS)}).loadRank(${JSON.stringify(rankFile)})?.scores })))`;
      const got = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { r: Recon; scores: number[] };
      assert.deepEqual(seen(got.r), seen(await recon(dir, { budgetTokens })), `${file} damaged`);
      // The scores themselves, as a recon with a new cache computes them.
      const fresh = join(dir, '.factory', `fresh${round}`, 'codemap.json');
      await recon(dir, { budgetTokens, cacheFile: fresh });
      assert.deepEqual(got.scores, loadRank(rankFileOf(fresh))?.scores, `${file} damaged: scores`);
    }
  });
});
