import assert from 'node:assert/strict';
import { recon } from '../../../src/core/codemap/recon';
import { POLY } from './poly';

describe('code map budget', () => {
  for (const budgetTokens of [0, 20, 60, 150, 400, 100_000]) {
    it(`stays within ${budgetTokens} tokens (~4 chars each), and names every file either mapped or omitted`, async () => {
      const r = await recon(POLY, { budgetTokens });
      assert.ok(r.map.length <= budgetTokens * 4, `map of ${r.map.length} chars for a budget of ${budgetTokens * 4}:\n${r.map}`);
      assert.deepEqual([...r.mapped, ...r.omitted].sort(), r.files.map((f) => f.path).sort());
      assert.equal(new Set([...r.mapped, ...r.omitted]).size, r.files.length, 'a file is both mapped and omitted');
      for (const p of r.mapped) assert.ok(r.map.split('\n').some((l) => l.startsWith(`${p} `)), `${p} is "mapped" but not in the map`);
      for (const p of r.omitted) assert.ok(!r.map.split('\n').some((l) => l.startsWith(`${p} `)), `${p} is "omitted" but in the map`);
    });
  }

  it('keeps the most referred-to files and says how many were left out', async () => {
    const r = await recon(POLY, { budgetTokens: 150 });
    assert.ok(r.omitted.length > 0 && r.mapped.length > 0, r.map);
    assert.equal(r.mapped[0], 'src/store.ts');
    assert.ok(r.omitted.includes('src/lonely.ts'), `unreferenced lonely.ts should be cut first: ${r.omitted.join(', ')}`);
    assert.match(r.map, new RegExp(`\n… ${r.omitted.length} more files not mapped in detail \\(token budget\\), by folder:\n`));
  });

  it('with no room to fold the files left out, says how many without a heading that has nothing under it', async () => {
    const r = await recon(POLY, { budgetTokens: 120 });
    assert.ok(r.omitted.length > 0, r.map);
    const last = r.map.split('\n').at(-1);
    assert.equal(last, `… ${r.omitted.length} more files not mapped in detail (token budget).`);
  });

  it('everything fits in a large budget: nothing omitted, no closing count', async () => {
    const r = await recon(POLY, { budgetTokens: 100_000 });
    assert.deepEqual(r.omitted, []);
    assert.doesNotMatch(r.map, /not mapped in detail|not shown/);
  });
});
