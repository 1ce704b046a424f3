// The learning store through the built CLI and the fake models: what run 1 learned is in the prompts
// of run 2; a decision the owner's DNA settles is marked "dna" and not re-asked; two processes
// writing at once lose nothing; a corrupt store is set aside; `factory learnings` list, export,
// import and forget. Every test uses its own FACTORY_HOME (the sandbox's), never ~/.factory.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedRequest } from '../fakes/requestLog';
import { endOf, notes, usePipelineSandbox } from './pipelineSandbox';
import { REPO_ROOT } from './pipelineScenario';

const REQUEST = 'a slugify library with tests';
const TRAP = 'accented letters dropped instead of folded';
const RULE = 'load the module under test inside each test';

const bodyText = (r: RecordedRequest): string => JSON.stringify(r.body);
const dacReply = (message: unknown): string => `\`\`\`dac\n${JSON.stringify(message)}\n\`\`\`\n`;

describe('learnings across runs (built CLI, fake models)', function () {
  this.timeout(120000);
  const s = usePipelineSandbox('factory-learn-');
  const storeFile = (): string => join(s.home, 'learnings.json');
  const otherProject = (): string => {
    const dir = join(s.ws, '..', 'project2');
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  it('what run 1 learned is in the blueprint, review, gate, bug capture, code QC and verify prompts of run 2, and report.md says what was used', async () => {
    s.script();
    const config = s.config();
    const r1 = await s.run(['build', REQUEST, '--config', config], {}, 80000);
    assert.equal(r1.code, 0, r1.stdout + r1.stderr);
    const firstRun = s.fake.requests().length;
    assert.ok(!s.fake.requests().some((q) => bodyText(q).includes(TRAP) && q.dac?.step !== 'learning'), 'run 1 had nothing of this to recall');
    const stored = JSON.parse(readFileSync(storeFile(), 'utf8')) as { traps: Array<{ trap: string; id: string; run: string }> };
    const trap = stored.traps.find((t) => t.trap === TRAP);
    assert.ok(trap, 'run 1 stored its trap');
    assert.equal(trap.run, s.runId());

    const dir2 = otherProject();
    s.script();
    const r2 = await s.run(['build', REQUEST, '--dir', dir2, '--config', config], {}, 80000);
    assert.equal(r2.code, 0, r2.stdout + r2.stderr);
    const second = s.fake.requests().slice(firstRun);
    for (const step of ['blueprint', 'review', 'gate', 'bug_capture', 'code_qc', 'verify_plan', 'verify_report']) {
      const asked = second.filter((q) => q.dac?.step === step);
      assert.ok(asked.length > 0, `run 2 asked ${step}`);
      for (const q of asked) {
        const text = bodyText(q);
        assert.ok(text.includes(TRAP) && text.includes(trap.id), `${step} (${q.dac?.role}) carries run 1's trap with its id`);
        assert.ok(text.includes(RULE), `${step} carries run 1's rule`);
        assert.ok(text.includes('never use floating point for money'), `${step} carries the built-in rules`);
      }
    }
    const blueprintAsk = bodyText(second.find((q) => q.dac?.step === 'blueprint') as RecordedRequest);
    assert.match(blueprintAsk, /Domain research/);
    assert.match(blueprintAsk, /domains: text/);
    const runs = readdirSync(join(dir2, '.factory', 'runs'));
    const report = readFileSync(join(dir2, '.factory', 'runs', runs[0] ?? '', 'report.md'), 'utf8');
    assert.match(report, /## Learnings used/);
    assert.ok(report.includes(`[${trap.id}] (text) ${TRAP}`), report);
    assert.match(report, /Domains named for the request: text/);
  });

  it('a blueprint decision the owner\'s DNA settles is marked "dna" by the engine, shown to the twin as settled, and a CHANGE to it is not applied', async () => {
    const seed = join(s.home, 'seed.json');
    writeFileSync(seed, JSON.stringify({ dna: [{ topic: 'Test Runner', choice: 'node:test', why: 'the owner always uses it' }] }));
    const imported = await s.run(['learnings', 'import', seed]);
    assert.equal(imported.code, 0, imported.stderr);
    // The twin would re-open the settled test runner; the scenario's blueprint calls it "request".
    s.script({ match: { role: 'twin', step: 'gate' }, replies: [dacReply({ dac: 1, kind: 'decision', verdict: 'CHANGE', reasons: ['prefer jest'], changes: ['use jest instead of node:test as the test runner'] })] });
    const r = await s.run(['build', REQUEST, '--config', s.config()], {}, 80000);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const bp = readFileSync(s.runFile('blueprint.md'), 'utf8');
    assert.match(bp, /"topic": "test runner",\s*"choice": "node:test",\s*"source": "dna"/);
    const gates = s.fake.requests().filter((q) => q.dac?.step === 'gate');
    assert.equal(gates.length, 1, 'the twin was asked once: its change to a settled decision did not start another review and gate');
    assert.match(bodyText(gates[0] as RecordedRequest), /Settled by the owner's recorded decisions \(DNA\)[^]*test runner: node:test/);
    assert.equal(s.fake.requests().filter((q) => q.dac?.step === 'review' && q.dac.role === 'qc').length, 2, 'no review round for the dropped change');
    const events = s.journal();
    assert.equal(endOf(events)?.state, 'shipped');
    assert.deepEqual((notes(events, 'gate.dna_kept')[0]?.data as { dropped: Array<{ topic: string }> }).dropped.map((d) => d.topic), ['test runner']);
    assert.match(readFileSync(s.runFile('report.md'), 'utf8'), /Decisions settled by the owner's DNA \(not asked again\): test runner: node:test/);
  });

  it("LEARN does not rewrite the owner's DNA: a settled decision is confirmed as the owner wrote it, a choice the owner did not make is not stored, a new topic is", async () => {
    const seed = join(s.home, 'seed.json');
    writeFileSync(seed, JSON.stringify({ dna: [{ topic: 'test runner', choice: 'node:test', why: 'the owner always uses it', confirmed: 2 }, { topic: 'database', choice: 'sqlite', why: 'small apps', confirmed: 2 }] }));
    assert.equal((await s.run(['learnings', 'import', seed])).code, 0);
    // The ceo retells the settled test runner in its own words and "learns" a database the owner never chose.
    s.script({
      match: { role: 'ceo', step: 'learning' },
      replies: [dacReply({ dac: 1, kind: 'learning', dna: [{ topic: 'Test runner', choice: 'the built-in node test runner', why: 'accepted' }, { topic: 'database', choice: 'postgres', why: 'the twin accepted it' }, { topic: 'slug separator', choice: 'a dash', why: 'accepted' }], traps: [], rules: [] })],
    });
    const r = await s.run(['build', REQUEST, '--config', s.config()], {}, 80000);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const store = JSON.parse((await s.run(['learnings', 'export'])).stdout) as { dna: Array<{ topic: string; choice: string; why: string; confirmed: number }> };
    const byTopic = (t: string) => store.dna.find((d) => d.topic.toLowerCase() === t);
    assert.deepEqual(byTopic('test runner'), { ...byTopic('test runner'), choice: 'node:test', why: 'the owner always uses it', confirmed: 3 }, 'the settled decision counted once more, in the owner\'s words');
    assert.deepEqual(byTopic('database'), { ...byTopic('database'), choice: 'sqlite', why: 'small apps', confirmed: 2 }, 'the owner did not choose postgres in this run');
    assert.equal(byTopic('slug separator')?.choice, 'a dash');
    const kept = notes(s.journal(), 'learning.dna_kept')[0]?.data as { kept: Array<{ topic: string; choice: string; ownerChoice: string }> } | undefined;
    assert.deepEqual(kept?.kept.map((k) => [k.topic, k.choice, k.ownerChoice]), [['database', 'postgres', 'sqlite']]);
    assert.match(readFileSync(s.runFile('report.md'), 'utf8'), /The owner's DNA was kept: database stays "sqlite" \(this run's learning proposed "postgres", which the owner did not decide\)/);
  });

  it('two processes writing the store at once lose nothing', async () => {
    const writer = join(REPO_ROOT, 'out', 'test', 'support', 'learningWriter.js');
    const N = 25;
    const runOne = (prefix: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [writer, storeFile(), prefix, String(N)], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const [a, b] = await Promise.all([runOne('alpha'), runOne('beta')]);
    assert.deepEqual([a.code, b.code], [0, 0], a.stderr + b.stderr);
    const listed = await s.run(['learnings', 'export']);
    const store = JSON.parse(listed.stdout) as { dna: unknown[]; rules: Array<{ rule: string }> };
    assert.equal(store.dna.length, 2 * N);
    for (const p of ['alpha', 'beta']) for (let i = 0; i < N; i++) assert.ok(store.rules.some((r) => r.rule === `${p} rule ${i}`), `${p} rule ${i} kept`);
    assert.equal(store.rules.length, 2 * N + 6);
    assert.deepEqual(readdirSync(s.home).sort(), ['learnings.json'], 'no lock or temporary file left behind');
  });

  it('a corrupt store is set aside with a warning naming it, and the run goes on and keeps what it learned', async () => {
    writeFileSync(storeFile(), '{ "factory": "learnings", "dna": [ oops');
    s.script();
    const r = await s.run(['build', REQUEST, '--config', s.config()], {}, 80000);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.stderr.includes(storeFile()), r.stderr);
    assert.match(r.stderr, /could not be read: it is not valid JSON.*set aside as .*learnings\.corrupt-/);
    const aside = readdirSync(s.home).filter((f) => f.startsWith('learnings.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(readFileSync(join(s.home, aside[0] ?? ''), 'utf8'), '{ "factory": "learnings", "dna": [ oops');
    const listed = await s.run(['learnings', 'list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(listed.stdout.includes(TRAP), 'the run\'s learning was stored in the new store');
  });
});

describe('factory learnings list|export|import|forget', function () {
  this.timeout(60000);
  const s = usePipelineSandbox('factory-learn-cli-');

  it('list shows the built-in rules with ids; import merges without duplicates; export round-trips; forget by id', async () => {
    const list = await s.run(['learnings', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /Rules \(6\)/);
    assert.match(list.stdout, /rule-[0-9a-f]{8} {2}never use floating point for money/);
    assert.match(list.stdout, /Owner DNA \(0\)/);
    const file = join(s.home, 'in.json');
    writeFileSync(file, JSON.stringify({ dna: [{ topic: 'database', choice: 'sqlite', why: 'small apps' }], traps: [{ domain: 'billing', trap: 'float totals', avoid: 'integer cents' }], rules: [{ rule: 'never use floating point for money' }] }));
    const imp = await s.run(['learnings', 'import', file]);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /2 new, 0 updated, 1 already there/);
    const again = await s.run(['learnings', 'import', file]);
    assert.match(again.stdout, /0 new, 0 updated, 3 already there/);
    const listed = (await s.run(['learnings', 'list'])).stdout;
    assert.match(listed, /dna-[0-9a-f]{8} {2}database: sqlite/);
    assert.match(listed, /\[billing\] float totals\n\s+avoid: integer cents/);
    const out = join(s.home, 'out.json');
    assert.equal((await s.run(['learnings', 'export', out])).code, 0);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { dna: Array<{ id: string }> };
    const id = exported.dna[0]?.id ?? '';
    const forgot = await s.run(['learnings', 'forget', id]);
    assert.equal(forgot.code, 0, forgot.stderr);
    assert.match(forgot.stdout, new RegExp(`Forgot ${id} \\(DNA database: sqlite\\)`));
    assert.doesNotMatch((await s.run(['learnings', 'list'])).stdout, /database: sqlite/);
    const back = await s.run(['learnings', 'import', out]);
    assert.match(back.stdout, /1 new/);
    const unknown = await s.run(['learnings', 'forget', 'dna-00000000']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no learning with the id "dna-00000000".*factory learnings list/);
  });

  it('an invalid import is refused (exit 2) saying where, and changes nothing', async () => {
    const bad = join(s.home, 'bad.json');
    writeFileSync(bad, JSON.stringify({ traps: [{ domain: 'x', trap: 'y' }] }));
    const r = await s.run(['learnings', 'import', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /at traps\[0\]\.avoid: /);
    assert.match(r.stderr, /Nothing was imported/);
    assert.equal(existsSync(join(s.home, 'learnings.json')), false);
  });

  it('forget --all without a terminal and without --yes exits 2 and forgets nothing; with --yes only the built-in rules remain', async () => {
    const file = join(s.home, 'in.json');
    writeFileSync(file, JSON.stringify({ dna: [{ topic: 'database', choice: 'sqlite' }] }));
    await s.run(['learnings', 'import', file]);
    const refused = await s.run(['learnings', 'forget', '--all']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /needs a confirmation: run it in a terminal to be asked, or pass --yes\. Nothing was forgotten/);
    assert.match((await s.run(['learnings', 'list'])).stdout, /database: sqlite/);
    const done = await s.run(['learnings', 'forget', '--all', '--yes']);
    assert.equal(done.code, 0, done.stderr);
    const listed = (await s.run(['learnings', 'list'])).stdout;
    assert.match(listed, /Owner DNA \(0\)/);
    assert.match(listed, /Rules \(6\)/);
  });
});
