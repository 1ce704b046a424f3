import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { foldPaths, foldTree, treeOf, without } from '../../../src/core/codemap/foldPaths';
import { recon } from '../../../src/core/codemap/recon';
import { POLY } from './poly';

/** A tree shaped like a real project: a few big folders, many small ones, files at every depth. */
function projectPaths(): string[] {
  const out: string[] = ['README.md', 'package.json', 'tsconfig.json'];
  for (const area of ['core', 'cli', 'vscode', 'webview']) {
    for (let m = 0; m < (area === 'core' ? 12 : 3); m++) {
      for (let f = 0; f < (area === 'core' ? 15 : 6); f++) out.push(`src/${area}/mod${m}/file${f}.ts`);
      out.push(`src/${area}/mod${m}/index.ts`);
    }
    out.push(`src/${area}/main.ts`);
  }
  for (let t = 0; t < 200; t++) out.push(`test/unit/case${t % 20}/t${t}.test.ts`);
  for (let p = 0; p < 45; p++) out.push(`prompts/p${p}.md`);
  for (let d = 0; d < 30; d++) out.push(`docs/guide${d}.md`, `test/fixtures/data${d}.json`);
  return out;
}

/** Every file a folded map accounts for: counted in a folder line or named. */
function accounted(lines: readonly string[]): { files: number; byFolder: Map<string, number> } {
  let files = 0;
  const byFolder = new Map<string, number>();
  for (const line of lines) {
    const m = /^(\S+?\/)(\*)? — (.*)$/.exec(line);
    assert.ok(m, `not a folder line: ${line}`);
    const count = /^(\d+) files? \(/.exec(m[3] as string);
    const n = count ? Number(count[1]) : (m[3] as string).split(', ').length;
    files += n;
    byFolder.set(`${m[1]}${m[2] ?? ''}`, n);
  }
  return { files, byFolder };
}

describe('code map: paths not mapped in detail are folded by folder', () => {
  it('a tree built once and then without some paths folds as the remaining paths do (every room, whole folders emptied)', () => {
    const all = projectPaths();
    // Files spread over the tree, a whole folder (src/cli/mod1/) among them, and a path it never held.
    const taken = [...all.filter((p, i) => i % 37 === 0 || p.startsWith('src/cli/mod1/')), 'src/nowhere/x.ts', 'README.md'];
    const rest = all.filter((p) => !taken.includes(p));
    for (const room of [60, 200, 500, 1200, 4000, 100_000]) {
      assert.deepEqual(foldTree(without(treeOf(all), taken), room), foldPaths(rest, room), `room ${room}`);
    }
    assert.deepEqual(foldTree(without(treeOf(all), all), 1000), [], 'no path left: nothing to fold');
  });

  const paths = projectPaths();

  for (const room of [60, 400, 1500, 4000, 100_000]) {
    it(`within ${room} characters, accounts for every file once, by folder with counts and languages`, () => {
      const lines = foldPaths(paths, room);
      assert.ok(lines.join('\n').length <= room, `${lines.join('\n').length} chars for ${room}`);
      assert.ok(lines.length > 0);
      assert.equal(accounted(lines).files, paths.length, lines.join('\n'));
    });
  }

  it('opens the biggest folders first, shows languages, and names every file when there is room', () => {
    const some = foldPaths(paths, 1500);
    assert.ok(some.some((l) => /^src\/core\/mod\d+\/ — 16 files \(typescript 16\)$/.test(l)), some.join('\n'));
    assert.ok(some.some((l) => /^prompts\/ — 45 files \(markdown 45\)$/.test(l) || l.startsWith('prompts/* — ')), some.join('\n'));
    // A small folder is not opened before a big one.
    const opened = (dir: string): boolean => !some.some((l) => l.startsWith(`${dir} — `));
    assert.ok(!opened('docs/') || opened('src/core/'), some.join('\n'));
    const all = foldPaths(paths, 1_000_000);
    assert.ok(all.some((l) => l === 'src/cli/mod0/* — file0.ts, file1.ts, file2.ts, file3.ts, file4.ts, file5.ts, index.ts'), all.slice(0, 20).join('\n'));
    assert.ok(all.some((l) => l.startsWith('./* — ') && l.includes('README.md')), 'files at the root are named under ./');
  });

  it('returns nothing when not even one line fits', () => {
    assert.deepEqual(foldPaths(paths, 10), []);
    assert.deepEqual(foldPaths([], 1000), []);
  });

  it("in a recon's map: the files left out of the detail are folded below it, every one accounted for, within the budget", async () => {
    const root = mkdtempSync(join(tmpdir(), 'codemap-fold-'));
    try {
      for (const p of paths) {
        mkdirSync(dirname(join(root, p)), { recursive: true });
        writeFileSync(join(root, p), p.endsWith('.ts') ? `export function f${p.length}(x: number): number {\n  return x;\n}\n` : '{}\n');
      }
      const budgetTokens = 2000;
      const r = await recon(root, { budgetTokens });
      assert.ok(r.map.length <= budgetTokens * 4, `${r.map.length} chars`);
      assert.ok(r.mapped.length > 5 && r.omitted.length > 300, `${r.mapped.length} mapped, ${r.omitted.length} omitted`);
      const lines = r.map.split('\n');
      const head = lines.findIndex((l) => l.startsWith('… '));
      assert.equal(lines[head], `… ${r.omitted.length} more files not mapped in detail (token budget), by folder:`);
      assert.equal(accounted(lines.slice(head + 1)).files, r.omitted.length);
      // The detail still comes first and holds the most referred-to files.
      for (const p of r.mapped) assert.ok(lines.slice(0, head).some((l) => l.startsWith(`${p} `)), p);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the multi-language fixture with a small budget folds what it leaves out', async () => {
    const r = await recon(POLY, { budgetTokens: 150 });
    const lines = r.map.split('\n');
    const head = lines.findIndex((l) => l.startsWith('… '));
    assert.ok(head > 0, r.map);
    assert.equal(accounted(lines.slice(head + 1)).files, r.omitted.length, r.map);
  });
});
