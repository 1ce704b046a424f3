import assert from 'node:assert/strict';
import type { Recon } from '../../../../src/core/codemap/recon';
import { numberedFile } from '../../../../src/core/pipeline/finish/projectCode';
import { chooseSample, rankFiles } from '../../../../src/core/pipeline/audit/sample';
import type { FileRead } from '../../../../src/core/ports';

/** A folder of `n` sources of 40 lines each (src/f0.js … ), two tests, a README and a binary file. */
function bigFolder(n: number): { recon: Recon; read: (p: string) => Promise<FileRead>; reads: string[] } {
  const text: Record<string, string> = {};
  for (let i = 0; i < n; i++) text[`src/f${i}.js`] = Array.from({ length: 40 }, (_, l) => `const v${l} = ${l}; // file ${i}`).join('\n');
  text['test/a.test.js'] = 'test one\n';
  text['test/b.test.js'] = 'test two\n';
  text['README.md'] = '# big\n';
  text['logo.png'] = 'PNG\u0000\u0001';
  const files = Object.keys(text).map((path) => ({
    path,
    language: path.endsWith('.js') ? 'javascript' : 'other',
    bytes: Buffer.byteLength(text[path] as string),
    lines: (text[path] as string).split('\n').length,
    test: path.startsWith('test/'),
  }));
  // The map ranks the last sources first: the rest of the code refers to them most.
  const mapped = files.filter((f) => f.path.startsWith('src/')).map((f) => f.path).reverse();
  const reads: string[] = [];
  const recon: Recon = { root: '/big', files, languages: {}, testFiles: ['test/a.test.js', 'test/b.test.js'], testCommand: null, entryPoints: ['src/f3.js'], map: '', mapped, omitted: [] };
  return { recon, reads, read: async (p) => (reads.push(p), text[p] === undefined ? { kind: 'missing' } : { kind: 'text', text: text[p] as string }) };
}

describe('AUDIT sampling: a large folder is read within a budget, by the map\'s ranking', () => {
  it('ranks entry points, then the map\'s order, then other sources, tests, the rest; each file once', () => {
    const { recon } = bigFolder(5);
    assert.deepEqual(rankFiles(recon), ['src/f3.js', 'src/f4.js', 'src/f2.js', 'src/f1.js', 'src/f0.js', 'test/a.test.js', 'test/b.test.js', 'README.md', 'logo.png']);
  });

  it('reads whole files while they fit, names every other file with why, and never reads past what can fit', async () => {
    const folder = bigFolder(300);
    const one = numberedFile('src/f299.js', ((await folder.read('src/f299.js')) as { text: string }).text).body.length;
    folder.reads.length = 0;
    const budget = Math.floor(one * 10.5);
    const sample = await chooseSample({ root: '/big', read: folder.read }, folder.recon, budget);
    const sources = sample.read.filter((f) => f.path.startsWith('src/'));
    assert.deepEqual(sources.map((f) => f.path), ['src/f3.js', ...Array.from({ length: 9 }, (_, i) => `src/f${299 - i}.js`)]);
    assert.ok(sample.read.reduce((a, f) => a + f.chars, 0) <= budget, 'within the budget');
    assert.equal(sample.read.length + sample.notRead.length, folder.recon.files.length, 'every file is either read or named as not read');
    assert.ok(sample.notRead.filter((f) => f.path.startsWith('src/')).every((f) => f.why === 'budget'));
    // Small files after the sources still fit in what is left; the binary one is named unreadable.
    assert.deepEqual(sample.read.slice(10).map((f) => f.path), ['test/a.test.js', 'test/b.test.js', 'README.md']);
    assert.deepEqual(sample.notRead.find((f) => f.path === 'logo.png'), { path: 'logo.png', why: 'unreadable' });
    assert.ok(folder.reads.length < 30, `only files that could fit were read (${folder.reads.length} reads)`);
  });
});
