import assert from 'node:assert/strict';
import type { Recon } from '../../../../src/core/codemap/recon';
import { chooseSample } from '../../../../src/core/pipeline/audit/sample';
import type { FileRead } from '../../../../src/core/ports';

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `const ${tag}${i} = ${i}; // ${tag}`).join('\n');

/** A recon of `text` (path → content); `mapped` is the map's ranking, most referred-to first. */
function project(text: Record<string, string>, o: { entryPoints: string[]; mapped?: string[] }): { recon: Recon; read: (p: string) => Promise<FileRead>; reads: string[] } {
  const files = Object.keys(text).map((path) => ({
    path,
    language: /\.(ts|js)$/.test(path) ? 'typescript' : 'other',
    bytes: Buffer.byteLength(text[path] as string),
    lines: (text[path] as string).split('\n').length,
    test: /\.test\.ts$/.test(path),
  }));
  const mapped = o.mapped ?? files.filter((f) => f.language !== 'other' && !f.test).map((f) => f.path);
  const reads: string[] = [];
  const recon: Recon = { root: '/p', files, languages: {}, testFiles: files.filter((f) => f.test).map((f) => f.path), testCommand: 'npm test', entryPoints: o.entryPoints, map: '', mapped, omitted: [] };
  return { recon, reads, read: async (p) => (reads.push(p), text[p] === undefined ? { kind: 'missing' } : { kind: 'text', text: text[p] as string }) };
}

/** A TypeScript extension like Factory: built entry points under dist/, tiny prompt files, a big core. */
function extensionLike(): ReturnType<typeof project> {
  const text: Record<string, string> = {
    'README.md': `# tool\n\n${lines(60, 'readme')}`,
    'package.json': JSON.stringify({ name: 'tool', main: './dist/extension.js', bin: { tool: './dist/cli.js' } }, null, 2),
    'package-lock.json': lines(400, 'lock'),
    'src/extension.ts': lines(50, 'ext'),
    'src/cli.ts': lines(50, 'cli'),
    'test/fixtures/go/main.go': lines(10, 'fixture'),
    'test/fixtures/py/__main__.py': lines(10, 'fixturepy'),
  };
  for (let i = 0; i < 40; i++) text[`prompts/p${i}.md`] = `tiny prompt ${i}`;
  for (let i = 0; i < 12; i++) text[`src/core/m${i}.ts`] = lines(40, `m${i}`);
  return project(text, { entryPoints: ['dist/extension.js', 'dist/cli.js', 'test/fixtures/go/main.go', 'test/fixtures/py/__main__.py'] });
}

describe('AUDIT sampling: what every reviewer reads first, and what each reads by its angle', () => {
  it('puts the README, the manifest and the SOURCE of built entry points first; an absent built file costs nothing; fixtures are not entry points', async () => {
    const p = extensionLike();
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 20_000);
    assert.deepEqual(sample.shared, ['README.md', 'package.json', 'src/extension.ts', 'src/cli.ts']);
    assert.deepEqual(sample.entryPoints, [
      { declared: 'dist/extension.js', source: 'src/extension.ts' },
      { declared: 'dist/cli.js', source: 'src/cli.ts' },
    ]);
    assert.ok(!p.reads.some((r) => r.startsWith('dist/')), 'a built file that is not there is not read');
    assert.ok(!sample.notRead.some((f) => f.path.startsWith('dist/')), 'nor counted as not read: it is not a file of the project');
  });

  it('spends the budget on the README, the manifest and central files before trivial tiny ones', async () => {
    const p = extensionLike();
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 12_000);
    const shownToAnyone = new Set(sample.read.map((f) => f.path));
    const central = ['README.md', 'package.json', ...p.recon.mapped.filter((m) => m.startsWith('src/'))];
    const tinyRead = sample.read.filter((f) => f.path.startsWith('prompts/')).length;
    const centralLeft = central.filter((c) => !shownToAnyone.has(c));
    assert.ok(centralLeft.length === 0 || tinyRead === 0, `${tinyRead} tiny files read while ${centralLeft.join(', ')} were left out`);
    assert.deepEqual(centralLeft, [], 'the README, the manifest and the central sources fit in what the three reviewers read between them');
  });

  it('reads the manifest of any ecosystem first: pyproject.toml, go.mod, Cargo.toml, pom.xml', async () => {
    for (const manifest of ['pyproject.toml', 'go.mod', 'Cargo.toml', 'pom.xml']) {
      const text: Record<string, string> = { [manifest]: '[project]\nname = "x"\n', 'README.rst': 'x\n=\n', 'src/a.py': lines(30, 'a') };
      for (let i = 0; i < 30; i++) text[`lib/m${i}.py`] = lines(30, `m${i}`);
      const p = project(text, { entryPoints: [], mapped: ['lib/m0.py', 'src/a.py'] });
      const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 8_000);
      assert.deepEqual(sample.shared, ['README.rst', manifest], manifest);
    }
  });

  it('finds the source of a built entry point as this repository builds it: dist/cli.js from src/cli/index.ts, dist/extension.js from src/vscode/extension.ts', async () => {
    const p = project(
      { 'package.json': '{}', 'src/cli/index.ts': lines(5, 'c'), 'src/cli/io.ts': lines(5, 'i'), 'src/vscode/extension.ts': lines(5, 'e'), 'test/vscode/extension.test.ts': lines(5, 't') },
      { entryPoints: ['dist/extension.js', 'dist/cli.js'] },
    );
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 50_000);
    assert.deepEqual(sample.entryPoints, [
      { declared: 'dist/extension.js', source: 'src/vscode/extension.ts' },
      { declared: 'dist/cli.js', source: 'src/cli/index.ts' },
    ]);
  });

  it('finds the source of a built entry point by its path under src/, and keeps an entry point outside a build folder as it is', async () => {
    const p = project(
      { 'package.json': '{}', 'src/bin/tool.ts': lines(5, 't'), 'server.js': lines(5, 's'), 'src/gone.ts': lines(3, 'g') },
      { entryPoints: ['dist/bin/tool.js', 'server.js', 'build/nothing.js', 'missing.js'] },
    );
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 50_000);
    assert.deepEqual(sample.entryPoints, [
      { declared: 'dist/bin/tool.js', source: 'src/bin/tool.ts' },
      { declared: 'server.js', source: 'server.js' },
      { declared: 'build/nothing.js', source: null },
      { declared: 'missing.js', source: null },
    ]);
    assert.deepEqual(sample.shared, ['package.json', 'src/bin/tool.ts', 'server.js']);
  });

  it('gives qc, architect and ceo different files by their angle, each request within the budget, covering more together than one shared sample', async () => {
    const text: Record<string, string> = { 'README.md': '# app\n', 'package.json': '{"main":"src/main.ts"}', 'src/main.ts': lines(20, 'main'), 'tsconfig.json': '{ "strict": true }\n' };
    for (const m of ['util', 'format', 'parse', 'store', 'auth', 'config', 'http', 'report']) {
      text[`src/${m}.ts`] = lines(30, m);
      if (['parse', 'store', 'report'].includes(m)) text[`test/${m}.test.ts`] = lines(30, `${m}T`);
    }
    // The map's ranking: the most referred-to first.
    const p = project(text, { entryPoints: ['src/main.ts'], mapped: ['src/util.ts', 'src/format.ts', 'src/store.ts', 'src/parse.ts', 'src/auth.ts', 'src/config.ts', 'src/http.ts', 'src/report.ts', 'src/main.ts'] });
    const budget = 4_000;
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, budget);
    const chars = new Map(sample.read.map((f) => [f.path, f.chars]));
    const size = (paths: string[]): number => paths.reduce((a, x) => a + (chars.get(x) ?? 0), 0);
    for (const role of ['ceo', 'qc', 'architect'] as const) {
      assert.ok(size([...sample.shared, ...sample.byRole[role]]) <= budget, `${role}'s request within the budget`);
      assert.ok(sample.byRole[role].length > 0, `${role} reads files of its own`);
    }
    // qc: tests and the code they test; architect: config and security-relevant code; ceo: the most referred-to.
    assert.ok(sample.byRole.qc.some((f) => f.endsWith('.test.ts')), sample.byRole.qc.join(', '));
    const tested = sample.byRole.qc.filter((f) => f.endsWith('.test.ts')).map((f) => f.replace(/^test\/(.*)\.test\.ts$/, 'src/$1.ts'));
    assert.ok(tested.every((f) => sample.byRole.qc.includes(f)), `qc reads the code its tests test: ${sample.byRole.qc.join(', ')}`);
    assert.ok(sample.byRole.architect.includes('src/auth.ts') && sample.byRole.architect.includes('tsconfig.json'), sample.byRole.architect.join(', '));
    assert.equal(sample.byRole.ceo[0], 'src/util.ts');
    const own = [...sample.byRole.ceo, ...sample.byRole.qc, ...sample.byRole.architect];
    assert.ok(own.every((f) => !sample.shared.includes(f)));
    // Together they read more than any one request holds: three samples, not one read three times.
    const largest = Math.max(...(['ceo', 'qc', 'architect'] as const).map((r) => sample.shared.length + sample.byRole[r].length));
    assert.ok(sample.read.length > largest + 2, `${sample.read.length} files read in all, at most ${largest} by one reviewer`);
    // Everything read by someone is in `read`; everything else is named as not read.
    assert.equal(sample.read.length + sample.notRead.length, p.recon.files.length);
  });

  it("never gives qc the code of a test without that test while the turns share out files: it would only repeat another reviewer's read", async () => {
    const text: Record<string, string> = { 'README.md': '# app\n', 'package.json': '{"main":"src/main.ts"}', 'src/main.ts': lines(3, 'main') };
    // core and its test fill most of qc's room; a's test and a do not fit together, a alone would.
    text['src/core.ts'] = lines(100, 'core');
    text['test/core.test.ts'] = lines(100, 'coreT');
    text['src/a.ts'] = lines(60, 'a');
    text['test/a.test.ts'] = lines(80, 'aT');
    text['src/s.ts'] = lines(15, 's');
    text['test/s.test.ts'] = lines(15, 'sT');
    text['src/b.ts'] = lines(40, 'b');
    // More code than the three requests hold together, so the turns end with every room full.
    for (let i = 0; i < 40; i++) text[`src/x${i}.ts`] = lines(10, `x${i}`);
    const p = project(text, { entryPoints: ['src/main.ts'], mapped: ['src/core.ts', 'src/a.ts', 'src/b.ts', 'src/s.ts', 'src/main.ts'] });
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 10_000);
    const others = new Set([...sample.byRole.ceo, ...sample.byRole.architect]);
    const qc = sample.byRole.qc;
    for (const code of qc.filter((f) => f.startsWith('src/') && others.has(f))) {
      const itsTest = code.replace(/^src\/(.*)\.ts$/, 'test/$1.test.ts');
      if (text[itsTest] !== undefined) assert.ok(qc.includes(itsTest), `qc reads ${code}, which another reviewer reads, without its test ${itsTest}: ${qc.join(', ')}`);
    }
    assert.ok(qc.includes('test/core.test.ts') && qc.includes('src/core.ts'), qc.join(', '));
    assert.ok(qc.includes('test/s.test.ts'), `the room goes to a test that fits, with its code: ${qc.join(', ')}`);
  });

  it('gives qc a test with its code before any code alone: while a test and its code still fit, qc does not spend its room on code without its test', async () => {
    const text: Record<string, string> = { 'README.md': '# app\n', 'package.json': '{"main":"src/main.ts"}', 'src/main.ts': lines(3, 'main') };
    text['src/core.ts'] = lines(450, 'core'); // the ceo's first, most of its room; no test
    text['src/b.ts'] = lines(95, 'b');
    text['test/b.test.ts'] = lines(95, 'bT');
    text['src/a.ts'] = lines(300, 'a'); // too big for what the ceo has left; its test and it do not fit qc together
    text['test/a.test.ts'] = lines(270, 'aT');
    text['src/s.ts'] = lines(130, 's');
    text['test/s.test.ts'] = lines(130, 'sT');
    text['src/auth.ts'] = lines(160, 'auth'); // the architect's first
    const p = project(text, { entryPoints: ['src/main.ts'], mapped: ['src/core.ts', 'src/b.ts', 'src/a.ts', 'src/s.ts', 'src/auth.ts', 'src/main.ts'] });
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 20_000);
    const qc = sample.byRole.qc;
    assert.deepEqual(qc.slice(0, 2), ['test/b.test.ts', 'src/b.ts'], qc.join(', '));
    assert.ok(qc.includes('test/s.test.ts') && qc.includes('src/s.ts'), `a test that fits with its code comes before code alone: ${qc.join(', ')}`);
  });
});
