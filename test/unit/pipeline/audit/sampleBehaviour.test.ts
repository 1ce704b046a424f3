import assert from 'node:assert/strict';
import type { Recon } from '../../../../src/core/codemap/recon';
import { chooseSample } from '../../../../src/core/pipeline/audit/sample';
import type { FileRead } from '../../../../src/core/ports';

/** A file of declarations only: interfaces and types, as big as the busiest code. */
const declarations = (n: number, tag: string): string =>
  Array.from({ length: n }, (_, i) => `/** What ${tag} ${i} is: if it is set, the run uses it. */\nexport interface ${tag}${i} {\n  id: string;\n  run(input: string): Promise<void>;\n  next?: (value: number) => boolean;\n}\nexport type ${tag}Kind${i} = 'a' | 'b';`).join('\n');

/** A file that does things: functions with branches and loops. */
const behaviour = (n: number, tag: string): string =>
  Array.from({ length: n }, (_, i) => `export function ${tag}${i}(items: string[]): number {\n  let total = 0;\n  for (const item of items) {\n    if (item.length > ${i}) total += 1;\n    else if (item === '') return -1;\n  }\n  return total;\n}`).join('\n');

function project(files: Record<string, { text: string; refs: number }>): { recon: Recon; read: (p: string) => Promise<FileRead> } {
  const list = Object.entries(files).map(([path, f]) => ({
    path,
    language: /\.ts$/.test(path) ? 'typescript' : 'other',
    bytes: Buffer.byteLength(f.text),
    lines: f.text.split('\n').length,
    test: /\.test\.ts$/.test(path),
    refs: f.refs,
  }));
  // The map's ranking alone (how much the rest refers to a file) puts the declarations first.
  const mapped = list.filter((f) => f.language !== 'other' && !f.test).sort((a, b) => b.refs - a.refs).map((f) => f.path);
  const recon: Recon = { root: '/p', files: list, languages: {}, testFiles: list.filter((f) => f.test).map((f) => f.path), testCommand: 'npm test', entryPoints: [], map: '', mapped, omitted: [] };
  return { recon, read: async (p) => (files[p] === undefined ? { kind: 'missing' } : { kind: 'text', text: (files[p] as { text: string }).text }) };
}

describe('AUDIT sampling: an angle reads code that does things before files of declarations', () => {
  const files = {
    'src/types.ts': { text: declarations(30, 'Type'), refs: 120 },
    'src/ports.ts': { text: declarations(25, 'Port'), refs: 90 },
    'src/api/messages.ts': { text: declarations(20, 'Message'), refs: 60 },
    'src/runner.ts': { text: behaviour(25, 'run'), refs: 4 },
    'src/api/server.ts': { text: behaviour(20, 'serve'), refs: 2 },
    'src/patch.ts': { text: behaviour(15, 'patch'), refs: 9 },
    'src/format.ts': { text: behaviour(3, 'fmt'), refs: 30 },
    'test/runner.test.ts': { text: behaviour(10, 'testRun'), refs: 0 },
  };

  it("the ceo's most central code is what does the most and is used the most, not what is referred to most yet declares only types", async () => {
    const p = project(files);
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 9_000);
    const ceo = sample.byRole.ceo;
    assert.ok(ceo.length >= 2, ceo.join(', '));
    assert.ok(!ceo.slice(0, 2).some((f) => ['src/types.ts', 'src/ports.ts', 'src/api/messages.ts'].includes(f)), `declaration files taken first: ${ceo.join(', ')}`);
    assert.ok(!ceo.some((f) => f.endsWith('.test.ts')), 'the ceo angle is not about tests');
  });

  it("the architect's boundary code that does things comes before the boundary's declarations; with room for all, everything is still read", async () => {
    const p = project(files);
    const small = await chooseSample({ root: '/p', read: p.read }, p.recon, 7_000);
    assert.equal(small.byRole.architect[0], 'src/api/server.ts', small.byRole.architect.join(', '));
    const all = await chooseSample({ root: '/p', read: p.read }, p.recon, 1_000_000);
    assert.equal(all.notRead.length, 0);
  });

  it('a file with behaviour used by many comes before a bigger one used by none', async () => {
    const p = project({
      'src/central.ts': { text: behaviour(8, 'central'), refs: 80 },
      'src/lonely.ts': { text: behaviour(12, 'lonely'), refs: 0 },
      'src/decl.ts': { text: declarations(10, 'Decl'), refs: 200 },
    });
    const sample = await chooseSample({ root: '/p', read: p.read }, p.recon, 3_500);
    assert.equal(sample.byRole.ceo[0], 'src/central.ts', sample.byRole.ceo.join(', '));
  });
});
