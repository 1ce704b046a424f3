import assert from 'node:assert/strict';
import type { Recon } from '../../../../src/core/codemap/recon';
import { auditContextText } from '../../../../src/core/pipeline/audit/auditRequest';
import { chooseSample } from '../../../../src/core/pipeline/audit/sample';
import type { FileRead } from '../../../../src/core/ports';

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `const ${tag}${i} = ${i}; // ${tag}`).join('\n');

function project(text: Record<string, string>, entryPoints: string[]): { recon: Recon; read: (p: string) => Promise<FileRead> } {
  const files = Object.keys(text).map((path) => ({
    path,
    language: /\.(ts|js)$/.test(path) ? 'typescript' : /\.json$/.test(path) ? 'json' : 'other',
    bytes: Buffer.byteLength(text[path] as string),
    lines: (text[path] as string).split('\n').length,
    test: /\.test\.ts$/.test(path),
  }));
  const recon: Recon = { root: '/p', files, languages: {}, testFiles: [], testCommand: 'npm test', entryPoints, map: '', mapped: [], omitted: [] };
  return { recon, read: async (p) => (text[p] === undefined ? { kind: 'missing' } : { kind: 'text', text: text[p] as string }) };
}

const TESTS = { state: 'none' as const, why: 'not in this test' };

describe('AUDIT sampling: no one shared file eats the budget, and lockfiles are never read', () => {
  it('caps any one shared file (a huge manifest, a huge README): its head is shown, said to be cut with its size, and the rest of the core still fits', async () => {
    const manifest = JSON.stringify({ name: 'big', scripts: Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`task${i}`, `node scripts/task${i}.js --flag`])) }, null, 2);
    const readme = `# big\n\n${lines(2000, 'readme')}`;
    const p = project({ 'README.md': readme, 'package.json': manifest, 'src/main.ts': lines(200, 'main'), 'src/core.ts': lines(200, 'core') }, ['src/main.ts']);
    const budget = 60_000;
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, budget);
    assert.deepEqual(sample.shared, ['README.md', 'package.json', 'src/main.ts'], 'the README, the manifest and the entry point are all shown, whatever their size');
    for (const path of ['README.md', 'package.json']) {
      const f = sample.read.find((r) => r.path === path);
      assert.ok(f?.cut, `${path} is marked as cut`);
      assert.ok(f.chars <= budget / 6, `${path} takes at most a sixth of the budget (${f.chars} chars)`);
      assert.equal(f.cut.lines, (path === 'README.md' ? readme : manifest).split('\n').length, 'the whole size is kept');
      assert.ok(f.lines < f.cut.lines);
    }
    const main = sample.read.find((r) => r.path === 'src/main.ts');
    assert.ok(main && !main.cut, 'a file within the cap is shown whole');
    assert.ok(sample.byRole.ceo.includes('src/core.ts'), 'room is left for the reviewer’s own files');

    const text = await auditContextText({ root: '/p', read: p.read }, p.recon, sample, TESTS, 'ceo');
    const shownManifest = text.slice(text.indexOf('## package.json'), text.indexOf('## src/main.ts'));
    const m = sample.read.find((r) => r.path === 'package.json');
    assert.ok(m?.cut);
    assert.ok(shownManifest.includes(`   1| {`), shownManifest.slice(0, 200));
    assert.ok(!shownManifest.includes(`${m.cut.lines}|`), 'the tail of the manifest is not shown');
    assert.match(shownManifest, new RegExp(`cut: lines 1-${m.lines} of ${m.cut.lines} shown \\(the file has ${m.cut.bytes} bytes\\)`));
  });

  it('never reads a lockfile, of any ecosystem, even with room to spare; the report names it with why', async () => {
    const locks = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'poetry.lock', 'Gemfile.lock', 'composer.lock', 'go.sum', 'web/package-lock.json', 'py/uv.lock'];
    const text: Record<string, string> = { 'README.md': '# app\n', 'package.json': '{"main":"src/main.ts"}', 'src/main.ts': lines(10, 'main') };
    for (const l of locks) text[l] = lines(50, 'lock');
    const p = project(text, ['src/main.ts']);
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 500_000);
    const read = new Set(sample.read.map((f) => f.path));
    for (const l of locks) {
      assert.ok(!read.has(l), `${l} was read`);
      assert.deepEqual(sample.notRead.find((n) => n.path === l), { path: l, why: 'lockfile' });
    }
    assert.ok(read.has('src/main.ts') && read.has('package.json'));
  });

  it("tells each reviewer whether the others read its angle's files too (a small project: all read the same), not always that they read others", async () => {
    const small = project({ 'README.md': '# app\n', 'package.json': '{"main":"src/main.ts"}', 'src/main.ts': lines(10, 'main'), 'src/money.ts': lines(12, 'money'), 'src/money.test.ts': lines(6, 't') }, ['src/main.ts']);
    const sample = await chooseSample({ root: '/p', read: small.read }, small.recon, 500_000);
    const text = await auditContextText({ root: '/p', read: small.read }, small.recon, sample, TESTS, 'qc');
    assert.ok(sample.byRole.qc.length > 0 && sample.byRole.qc.every((f) => sample.byRole.architect.includes(f)), JSON.stringify(sample.byRole));
    assert.doesNotMatch(text, /the other reviewers read other files/);
    assert.match(text, /the other reviewers read these too/);
  });
});
