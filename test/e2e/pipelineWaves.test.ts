// The waves and verification through the built CLI against the fake server: TRAPs and the circuit
// breaker, refused blocks, and a crash the engine sees itself. Each test changes one step of the
// shared scenario and asserts on the journal, the files and the exit code.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reply } from '../fakes/script';
import { answer, scenarioReply } from './pipelineScenario';
import { endOf, notes, usePipelineSandbox } from './pipelineSandbox';

const REQUEST = 'a slugify library with tests';

const result = (task: string, phase: string, blocks: string): Reply =>
  answer(`\`\`\`dac\n${JSON.stringify({ dac: 1, kind: 'task_result', task, phase, files: [], notes: 'all tests pass now' })}\n\`\`\`\n\n${blocks}`);

const block = (path: string, search: string, replace: string): string => `${path}\n<<<<<<< SEARCH\n${search}=======\n${replace}>>>>>>> REPLACE\n`;

describe('factory build: waves and verify (built CLI, fake models)', function () {
  this.timeout(120000);
  const s = usePipelineSandbox();
  const build = () => s.run(['build', REQUEST, '--config', s.config()], {}, 100000);

  it('code that fails its tests twice, whatever the model claims: two TRAPs, the task back to its exact pre-task bytes, dependants skipped, exit 1', async () => {
    // T1 owns src/slugify.js, which already exists with CRLF line ends: the breaker must restore these bytes.
    const before = 'module.exports = {};\r\n';
    mkdirSync(join(s.ws, 'src'));
    writeFileSync(join(s.ws, 'src', 'slugify.js'), before);
    s.script({
      match: { role: 'ceo', step: 'implementation', task: 'T1' },
      replies: [
        result('T1', 'implementation', block('src/slugify.js', 'module.exports = {};\n', 'module.exports = { slugify: (text) => String(text) };\n')),
        result('T1', 'implementation', block('src/slugify.js', 'module.exports = { slugify: (text) => String(text) };\n', 'module.exports = { slugify: (text) => String(text).trim() };\n')),
      ],
    }, { match: { role: 'qc', step: 'code_qc' }, reply: answer('```dac\n{"dac":1,"kind":"qc_report","score":90,"findings":[],"dead_code":[]}\n```\n') });
    const r = await build();
    assert.equal(r.code, 1, r.stderr);
    const events = s.journal();
    const traps = notes(events, 'trap').filter((n) => n.task === 'T1');
    assert.equal(traps.length, 2);
    assert.deepEqual(
      notes(events, 'rollback').map((n) => n.task),
      ['T1'],
    );
    assert.equal(readFileSync(join(s.ws, 'src', 'slugify.js'), 'latin1'), before, 'exact pre-task bytes');
    assert.equal(existsSync(join(s.ws, 'test', 'slugify.test.js')), false, 'the file the task created is removed');
    // T2 did not depend on T1 and is built; T3 depends on it and is skipped.
    const ends = Object.fromEntries(notes(events, 'task.end').map((n) => [n.task, (n.data as { state: string }).state]));
    assert.equal(ends['T1'], 'rolled_back');
    assert.equal(ends['T2'], 'done');
    assert.equal(ends['T3'] ?? 'skipped', 'skipped');
    assert.equal(existsSync(join(s.ws, 'src', 'deburr.js')), true);
    assert.equal(s.fake.requests().filter((q) => q.dac?.task === 'T3').length, 0);
    const end = endOf(events);
    assert.equal(end?.state, 'not_shipped', end?.reason);
    assert.match(end?.reason ?? '', /T1/);
    assert.match(readFileSync(s.runFile('report.md'), 'utf8'), /T1/);
    assert.match(r.stdout, /T1: TRAP/);
  });

  it('tests that pass before the implementation exists are a TRAP (they test nothing new)', async () => {
    const empty = block('test/deburr.test.js', '', "const test = require('node:test');\ntest('nothing', () => {});\n");
    s.script({ match: { role: 'ceo', step: 'tests', task: 'T2' }, replies: [result('T2', 'tests', empty), result('T2', 'tests', '')] });
    const r = await build();
    assert.equal(r.code, 1, r.stderr);
    const traps = notes(s.journal(), 'trap').filter((n) => n.task === 'T2');
    assert.ok(traps.length >= 1, r.stdout);
    assert.equal((traps[0]?.data as { phase: string }).phase, 'red');
    assert.match((traps[0]?.data as { why: string }).why, /pass/i);
    assert.equal(endOf(s.journal())?.state, 'not_shipped');
  });

  it('an implementation that edits its frozen test file, and a block outside the task: both refused and recorded, the rest applied', async () => {
    const impl = scenarioReply('T2.implementation');
    const weaken = block('test/deburr.test.js', "test('drops accents from letters', () => {\n", "test.skip('drops accents from letters', () => {\n");
    const outside = block('src/slugify.js', '', 'module.exports = { slugify: () => "hijacked" };\n');
    s.script({
      match: { role: 'ceo', step: 'implementation', task: 'T2' },
      // Then the patch-retry turn, which is shown the refusals: it sends nothing more.
      replies: [answer(`${impl}\n${weaken}\n${outside}`), result('T2', 'implementation', '')],
    });
    const r = await build();
    const events = s.journal();
    const refused = notes(events, 'refused').filter((n) => n.task === 'T2');
    const paths = refused.map((n) => (n.data as { path: string }).path).sort();
    assert.deepEqual(paths, ['src/slugify.js', 'test/deburr.test.js']);
    assert.equal(readFileSync(join(s.ws, 'test', 'deburr.test.js'), 'utf8'), /=======\n([\s\S]*?)>>>>>>> REPLACE/.exec(scenarioReply('T2.tests'))?.[1]);
    assert.doesNotMatch(readFileSync(join(s.ws, 'src', 'slugify.js'), 'utf8'), /hijacked/);
    // The retry turn was shown why.
    const retry = s.fake.requests().filter((q) => q.dac?.task === 'T2' && q.dac.step === 'implementation')[1];
    assert.match(JSON.stringify(retry?.body), /test\/deburr\.test\.js/);
    assert.equal(endOf(events)?.state, 'shipped', endOf(events)?.reason);
    assert.equal(r.code, 0, r.stderr);
  });

  it('a verify probe that finds a crash: not shipped (exit 1), whatever the twin scores', async () => {
    const plan = '```dac\n' + JSON.stringify({ dac: 1, kind: 'verify_plan', probes: [{ id: 'P1', kind: 'command', argv: ['node', '-e', "require('./index.js'); process.abort()"], stdin: '', expect: 'exit 0' }] }) + '\n```\n';
    s.script({ match: { role: 'twin', step: 'verify_plan' }, replies: [answer(plan)] });
    const r = await build();
    assert.equal(r.code, 1, r.stderr);
    const events = s.journal();
    const verify = notes(events, 'verify')[0]?.data as { score: number; passed: boolean; crashes: string[] };
    assert.equal(verify.score, 95);
    assert.equal(verify.passed, false);
    assert.match(verify.crashes.join(' '), /P1.*SIGABRT/);
    const end = endOf(events);
    assert.equal(end?.state, 'not_shipped');
    assert.match(end?.reason ?? '', /verification did not pass/);
  });
});
