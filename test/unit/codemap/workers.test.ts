import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKER_THRESHOLD } from '../../../src/core/codemap/parsePool';
import { recon } from '../../../src/core/codemap/recon';

describe('code map on many files (worker threads)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codemap-many-'));
    const n = WORKER_THRESHOLD + 37;
    for (let i = 0; i < n; i++) {
      const use = i > 0 ? `import { f${i - 1} } from './m${i - 1}';\n` : '';
      await writeFile(join(dir, `m${i}.ts`), `${use}export function f${i}(a: number): number {\n  return a + ${i};\n}\n`);
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('parses in workers and gives each file its own symbols', async () => {
    const r = await recon(dir, { budgetTokens: 100_000 });
    assert.ok((r.stats?.workers ?? 0) >= 1, `parsed in ${r.stats?.workers} workers`);
    assert.equal(r.files.length, WORKER_THRESHOLD + 37);
    const lines = r.map.split('\n');
    for (const f of r.files) {
      const i = Number(/m(\d+)\.ts/.exec(f.path)?.[1]);
      const at = lines.findIndex((l) => l.startsWith(`${f.path} `));
      assert.equal(lines[at + 1], `  function f${i}(a: number): number`, `${f.path} shows ${lines[at + 1]}`);
    }
    // Each file but the last is imported by the next one: they rank above it.
    assert.equal(r.omitted.length, 0);
    assert.equal(r.mapped[r.mapped.length - 1], `m${WORKER_THRESHOLD + 36}.ts`);
  });
});
