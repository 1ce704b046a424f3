// The learning store on disk: upserts by topic, stable ids, built-in rules, forget, export/import,
// and a file that cannot be read set aside with a warning, never emptied. Temp folders only.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLearningStore, ID_PATTERN } from '../../../src/core/learning';
import type { Learning } from '../../../src/core/protocol';

const learning = (l: Partial<Pick<Learning, 'dna' | 'traps' | 'rules'>>): Learning => ({ dac: 1, kind: 'learning', dna: [], traps: [], rules: [], ...l });

describe('learning store (file)', () => {
  let dir: string;
  let warnings: string[];
  let clock: number;
  const store = (): FileLearningStore => new FileLearningStore({ file: join(dir, 'learnings.json'), warn: (m) => warnings.push(m), now: () => new Date(clock++ * 1000) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'factory-learn-'));
    warnings = [];
    clock = 1_800_000_000;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a new store holds the six built-in rules, with origin "built-in" and ids', async () => {
    const s = await store().read();
    assert.equal(s.rules.length, 6);
    assert.ok(s.rules.every((r) => r.origin === 'built-in' && ID_PATTERN.test(r.id)));
    const texts = s.rules.map((r) => r.rule).join('\n');
    for (const words of [/review scores/, /tests passing is not the app working/, /claimed is not verified/, /without wiring/, /review its own work/, /floating point for money/]) assert.match(texts, words);
    assert.deepEqual([s.dna, s.traps], [[], []]);
  });

  it('the same DNA topic, however written, updates one entry: the same choice counts a confirmation, another choice replaces it', async () => {
    const st = store();
    await st.remember('run-1', learning({ dna: [{ topic: 'test runner', choice: 'node:test', why: 'accepted' }] }));
    await st.remember('run-2', learning({ dna: [{ topic: 'Test-Runner ', choice: 'node:test', why: 'accepted again' }] }));
    await st.remember('run-3', learning({ dna: [{ topic: 'test  runner', choice: 'node:test', why: 'and again' }] }));
    let s = await store().read();
    assert.equal(s.dna.length, 1);
    assert.equal(s.dna[0]?.confirmed, 3);
    assert.equal(s.dna[0]?.run, 'run-3');
    const id = s.dna[0]?.id;
    await st.remember('run-4', learning({ dna: [{ topic: 'TEST RUNNER', choice: 'vitest', why: 'the owner switched' }] }));
    s = await store().read();
    assert.equal(s.dna.length, 1);
    assert.deepEqual([s.dna[0]?.id, s.dna[0]?.choice, s.dna[0]?.confirmed, s.dna[0]?.why], [id, 'vitest', 1, 'the owner switched']);
    assert.ok(s.dna[0] && s.dna[0].lastSeen > new Date(1_800_000_000_000).toISOString());
  });

  it('the same trap or rule text is kept once; ids are stable short ids that name their kind', async () => {
    const st = store();
    const l = learning({ traps: [{ domain: 'billing', trap: 'Float rounding on totals', avoid: 'integer cents' }], rules: [{ rule: 'Never skip review scores', why: 'again' }, { rule: 'pin the lockfile', why: 'drift' }] });
    const first = await st.remember('run-1', l);
    const second = await st.remember('run-2', learning({ traps: [{ domain: 'billing', trap: 'float  rounding on totals.', avoid: 'cents' }], rules: [{ rule: 'pin the lockfile', why: 'x' }] }));
    const s = await store().read();
    assert.equal(s.traps.length, 1);
    assert.equal(s.traps[0]?.run, 'run-1');
    assert.equal(s.rules.length, 7, 'the built-in "never skip review scores" was not added again; one new rule');
    assert.ok(ID_PATTERN.test(s.traps[0]?.id ?? '') && s.traps[0]?.id.startsWith('trap-'));
    assert.equal(first.added.length, 2);
    assert.deepEqual(second.added, []);
    assert.equal(second.unchanged.length, 2);
    assert.equal(s.rules.find((r) => r.rule === 'pin the lockfile')?.origin, 'run-1');
  });

  it('forget removes one entry by id; forget --all leaves only the built-in rules', async () => {
    const st = store();
    await st.remember('run-1', learning({ dna: [{ topic: 'db', choice: 'sqlite', why: 'small' }], traps: [{ domain: 'text', trap: 'NFD', avoid: 'normalize' }] }));
    const s = await st.read();
    const removed = await st.forget(s.dna[0]?.id ?? '');
    assert.equal(removed && 'topic' in removed ? removed.topic : undefined, 'db');
    assert.equal(await st.forget('dna-00000000'), undefined);
    const builtin = s.rules[0]?.id ?? '';
    await st.forget(builtin);
    assert.equal((await store().read()).rules.some((r) => r.id === builtin), false, 'a forgotten built-in rule stays forgotten');
    assert.equal((await store().read()).dna.length, 0);
    assert.equal(await st.forgetAll(), 6);
    const after = await store().read();
    assert.deepEqual([after.dna.length, after.traps.length, after.rules.length], [0, 0, 6]);
  });

  it('an export imported into another store gives the same entries; importing it twice adds nothing', async () => {
    const a = store();
    await a.remember('run-1', learning({ dna: [{ topic: 'runner', choice: 'node:test', why: 'w' }], traps: [{ domain: 'auth', trap: 'tokens in logs', avoid: 'redact' }], rules: [{ rule: 'r1', why: 'w1' }] }));
    await a.remember('run-2', learning({ dna: [{ topic: 'runner', choice: 'node:test', why: 'w' }] }));
    const exported = JSON.parse(JSON.stringify(await a.read())) as unknown;
    const other = new FileLearningStore({ file: join(dir, 'other', 'learnings.json'), warn: (m) => warnings.push(m) });
    assert.deepEqual(await other.import(exported).then((r) => r.ok), true);
    const again = await other.import(exported);
    assert.ok(again.ok);
    assert.deepEqual([again.outcome.added, again.outcome.confirmed, again.outcome.changed], [[], [], []]);
    assert.deepEqual(await other.read(), await a.read());
  });

  it('an import that does not validate is refused with where and what, and changes nothing', async () => {
    const st = store();
    await st.remember('run-1', learning({ rules: [{ rule: 'keep me', why: 'w' }] }));
    const before = readFileSync(st.file, 'utf8');
    const r = await st.import({ dna: [{ topic: 'x' }], traps: 'no' });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.problems.some((p) => /dna\[0\]\.choice/.test(p)) && r.problems.some((p) => /traps/.test(p)), JSON.stringify(r));
    assert.equal(readFileSync(st.file, 'utf8'), before);
  });

  for (const [what, content, why] of [
    ['not JSON', '{"factory": "learnings", "version": 1, "dna": [', /not valid JSON/],
    ['a wrong shape', JSON.stringify({ factory: 'learnings', version: 1, dna: [{ id: 'dna-12345678', topic: 'x' }], traps: [], rules: [] }), /dna\[0\]\.choice/],
  ] as const) {
    it(`a store file that is ${what} is set aside under a new name with a warning naming it, never emptied`, async () => {
      const file = join(dir, 'learnings.json');
      writeFileSync(file, content);
      const s = await store().read();
      assert.equal(s.rules.length, 6, 'the run goes on with a new store');
      assert.equal(existsSync(file), false);
      const aside = readdirSync(dir).filter((f) => f.startsWith('learnings.corrupt-'));
      assert.equal(aside.length, 1);
      assert.equal(readFileSync(join(dir, aside[0] ?? ''), 'utf8'), content, 'the corrupt file is kept as it was');
      assert.equal(warnings.length, 1);
      assert.ok(warnings[0]?.includes(file) && warnings[0].includes(join(dir, aside[0] ?? '')), warnings[0]);
      assert.match(warnings[0] ?? '', why);
    });
  }

  it('writes atomically: no temporary file is left and the file is always a whole store', async () => {
    const st = store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => st.remember(`run-${i}`, learning({ rules: [{ rule: `rule ${i}`, why: 'w' }] }))));
    assert.deepEqual(readdirSync(dir).sort(), ['learnings.json']);
    assert.equal((await store().read()).rules.length, 26);
  });
});
