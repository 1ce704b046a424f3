import assert from 'node:assert/strict';
import type { Recon } from '../../../../src/core/codemap/recon';
import { numberedFile } from '../../../../src/core/pipeline/finish/projectCode';
import { chooseSample } from '../../../../src/core/pipeline/audit/sample';
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

describe('AUDIT sampling: a large folder is read within a budget', () => {
  it('keeps every request within the budget, names every other file with why, and reads to show only what can fit', async () => {
    const folder = bigFolder(300);
    const one = numberedFile('src/f299.js', ((await folder.read('src/f299.js')) as { text: string }).text).body.length;
    folder.reads.length = 0;
    const budget = Math.floor(one * 10.5);
    const sample = await chooseSample({ root: '/big', read: folder.read }, folder.recon, budget);
    const chars = new Map(sample.read.map((f) => [f.path, f.chars]));
    for (const role of ['ceo', 'qc', 'architect'] as const) {
      const shown = [...sample.shared, ...sample.byRole[role]];
      assert.ok(shown.reduce((a, p) => a + (chars.get(p) ?? 0), 0) <= budget, `${role}: within the budget`);
    }
    // The README and the entry point are read by all; the most referred-to sources by the ceo.
    assert.deepEqual(sample.shared, ['README.md', 'src/f3.js']);
    assert.deepEqual(sample.byRole.ceo.slice(0, 3), ['src/f299.js', 'src/f296.js', 'src/f293.js']);
    assert.equal(sample.read.length + sample.notRead.length, folder.recon.files.length, 'every file is either read or named as not read');
    assert.ok(sample.notRead.filter((f) => f.path.startsWith('src/')).every((f) => f.why === 'budget'));
    assert.ok(!sample.notRead.some((f) => f.path.startsWith('test/')), 'qc reads the small tests');
    // Every source is read once to measure what it does (the angles rank by it); beyond that, only
    // files that could fit are read, each once more at most.
    const times = new Map<string, number>();
    for (const r of folder.reads) times.set(r, (times.get(r) ?? 0) + 1);
    assert.ok(Math.max(...times.values()) <= 2, 'no file is read more than twice');
    assert.ok([...times.entries()].filter(([, n]) => n === 2).length < 60, 'only files that could fit are read to be shown');
    assert.ok(!folder.reads.includes('logo.png') || times.get('logo.png') === 1);
  });
});
