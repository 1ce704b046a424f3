// UPDATE through the built CLI against the fake server (issue 9, items 6 and 7): a feature added to
// a small existing project whose old tests keep passing; a regression the scripted model brings into
// an old test's behaviour, caught by the baseline, shown to the model and fixed, or rolled back after
// two traps; and an update whose request is an audit's findings.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditReply, BUG, BUGGY_DIR, learningReply } from '../unit/pipeline/audit/buggyProject';
import { answer } from './pipelineScenario';
import { effectsDoneTwice, endOf, notes, stagesOf, until, usePipelineSandbox } from './pipelineSandbox';
import { block, DELTA_BLUEPRINT, GREET_JS, GREET_TEST, result, SHOUT_IMPL_BREAKING, SHOUT_TEST, updateRoutes, writeProject } from './updateScenario';
import { assertModeStages } from './modeStages';

const REQUEST = 'add shout(name): the greeting in capitals';

describe('factory update (built CLI, fake models)', function () {
  this.timeout(120000);
  const s = usePipelineSandbox('factory-update-');
  const update = (args: string[]) => s.run(['update', ...args, '--config', s.config()], {}, 100000);
  const bodyOf = (q: { body: unknown }): string => JSON.stringify(q.body);

  it('adds a feature to an existing project: recon, a delta blueprint naming existing files, the baseline, the task test-first; the old tests still pass', async () => {
    writeProject(s.ws);
    s.script(...updateRoutes());
    const r = await update([REQUEST]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const events = s.journal();
    const start = events.find((e) => e.type === 'run');
    assert.equal(start?.type === 'run' && start.mode, 'update');
    const stages = stagesOf(events);
    assert.ok(stages.indexOf('recon') < stages.indexOf('blueprint') && stages.indexOf('gate') < stages.indexOf('baseline') && stages.indexOf('baseline') < stages.indexOf('waves'), stages.join(' '));
    // The ceo was shown the project: its test command and its files.
    const asked = s.fake.requests().find((q) => q.dac?.step === 'blueprint');
    assert.match(bodyOf(asked ?? { body: '' }), /npm test/);
    assert.match(bodyOf(asked ?? { body: '' }), /src\/greet\.js/);
    assert.match(bodyOf(asked ?? { body: '' }), /test\/greet\.test\.js/);
    // The reviewers of the delta blueprint see the project it changes too, not the blueprint alone.
    for (const role of ['qc', 'architect']) {
      const review = s.fake.requests().find((q) => q.dac?.step === 'review' && q.dac.role === role);
      assert.match(bodyOf(review ?? { body: '' }), /test\/greet\.test\.js/, `${role} review sees the project's files`);
      assert.match(bodyOf(review ?? { body: '' }), /function greet\(name\)/, `${role} review sees the map`);
    }
    // Code QC judges the change to an existing project: told so, with the map of the rest of it.
    const qc = bodyOf(s.fake.requests().find((q) => q.dac?.step === 'code_qc') ?? { body: '' });
    assert.match(qc, /This run changed an existing project/);
    assert.match(qc, /not dead code/);
    // The map is of the project as it is now, without the files shown in full (not recon's map from before the run).
    const rest = /The rest of the project, as a map[^:]*:(.*?)Judge what the run changed/.exec(qc)?.[1] ?? '';
    assert.match(rest, /test\/greet\.test\.js/);
    assert.doesNotMatch(rest, /src\/greet\.js/, 'src/greet.js is shown in full above, as it is now');
    // Before anything fails, the implementer is told that the project's own suite guards the task.
    for (const step of ['implementation', 'refactor']) {
      const call = s.fake.requests().find((q) => q.dac?.step === step && q.dac.task === 'T1');
      assert.match(bodyOf(call ?? { body: '' }), /the engine also runs the project's whole suite \(npm test; before the first task: 1 test, all passing\)/, step);
    }
    // The baseline: the project's suite before any change, read test by test.
    const base = notes(events, 'baseline')[0]?.data as { passed: boolean; tests: number; failing: string[]; command: { argv: string[] } };
    assert.deepEqual(base.command.argv, ['npm', 'test']);
    assert.equal(base.passed, true);
    assert.equal(base.tests, 1);
    // After GREEN the project's suite ran again, and nothing regressed.
    const suite = notes(events, 'task.suite').map((n) => n.data as { phase: string; ok: boolean });
    assert.deepEqual(suite, [{ ...suite[0], phase: 'green', ok: true }]);
    assert.equal(notes(events, 'trap').length, 0);
    // The existing file was changed, the old test is untouched and passes with the new one.
    assert.match(readFileSync(join(s.ws, 'src', 'greet.js'), 'utf8'), /shout/);
    assert.equal(readFileSync(join(s.ws, 'test', 'greet.test.js'), 'utf8'), GREET_TEST);
    assert.equal(readFileSync(join(s.ws, 'test', 'shout.test.js'), 'utf8'), SHOUT_TEST);
    const wave = notes(events, 'wave.test')[0]?.data as { passed: boolean; command: { exitCode: number } };
    assert.equal(wave.passed, true);
    assert.equal(wave.command.exitCode, 0);
    assert.equal(endOf(events)?.state, 'shipped', endOf(events)?.reason);
    assertModeStages(events);
  });

  it('a regression in an old test is a TRAP: the model is shown that test\'s failure, fixes it, and a test that already failed before is not blamed', async () => {
    // One old test already fails before the run: it must not be blamed on the task, nor fail the run.
    const farewell = "const test = require('node:test');\nconst assert = require('node:assert');\n\ntest('says goodbye', () => {\n  assert.equal('bye', 'goodbye');\n});\n";
    writeProject(s.ws);
    writeFileSync(join(s.ws, 'test', 'farewell.test.js'), farewell);
    const fix = block('src/greet.js', "  return 'Hi, ' + name + '!';\n", "  return 'Hello, ' + name + '!';\n");
    s.script({ match: { role: 'ceo', step: 'implementation', task: 'T1' }, replies: [result('T1', 'implementation', SHOUT_IMPL_BREAKING), result('T1', 'implementation', fix)] }, ...updateRoutes());
    const r = await update([REQUEST]);
    const events = s.journal();
    const traps = notes(events, 'trap').map((n) => n.data as { phase: string; why: string; regressions?: string[] });
    assert.equal(traps.length, 1, r.stdout);
    assert.equal(traps[0]?.phase, 'green');
    assert.deepEqual(traps[0]?.regressions, ['greets by name']);
    assert.doesNotMatch(JSON.stringify(traps[0]), /says goodbye'?[^"]*fails now/);
    // The second implementation request carries the failing old test, its output and the rule.
    const retry = s.fake.requests().filter((q) => q.dac?.task === 'T1' && q.dac.step === 'implementation')[1];
    assert.ok(retry, 'a second implementation request');
    const body = bodyOf(retry);
    assert.match(body, /greets by name/);
    assert.match(body, /Hi, Ada!/);
    assert.match(body, /passed before this run/);
    assert.match(body, /not counted against this task: says goodbye/);
    // The failing old test's file is shown, so the model can read what it expects (it is not a task file).
    assert.match(body, /### test\/greet\.test\.js/);
    assert.ok(body.includes("assert.equal(greet('Ada'), 'Hello, Ada!');"), 'the old test\'s source');
    assert.doesNotMatch(body, /### test\/farewell\.test\.js/, 'a test that already failed is not shown as if it were the task\'s fault');
    assert.equal(readFileSync(join(s.ws, 'src', 'greet.js'), 'utf8').includes("'Hello, ' + name"), true);
    const base = notes(events, 'baseline')[0]?.data as { failing: string[] };
    assert.deepEqual(base.failing, ['says goodbye']);
    // The wave's whole run fails only where it failed before the run: the update ships.
    const wave = notes(events, 'wave.test')[0]?.data as { passed: boolean; alreadyFailing: string[] };
    assert.equal(wave.passed, true);
    assert.deepEqual(wave.alreadyFailing, ['says goodbye']);
    assert.equal(endOf(events)?.state, 'shipped', endOf(events)?.reason);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = readFileSync(s.runFile('report.md'), 'utf8');
    assert.match(report, /## Baseline[\s\S]*Already failing before this run \(not blamed on any task\): says goodbye/);
    assert.match(report, /PROJECT SUITE\*\* after GREEN \(attempt 1\): \*\*regressed\*\*: greets by name/);
    // The report shows why the old test failed, not only its name.
    assert.match(report, /\*\*TRAP\*\* \(green, attempt 1\)[^\n]*\n(?:(?!\n- \*\*)[\s\S])*Hi, Ada!/);
  });

  it("tasks of one wave run one after another, so the project's suite after one task's GREEN never sees another's half-done work", async () => {
    writeProject(s.ws);
    const two = JSON.parse(/```dac\n([\s\S]*?)\n```/.exec(DELTA_BLUEPRINT)?.[1] ?? '{}') as { tasks: object[] };
    two.tasks.push({ id: 'T2', title: 'whisper', acceptance: ["whisper('Ada') returns 'hello, ada'"], files: ['src/whisper.js', 'test/whisper.test.js'], tests: ['test/whisper.test.js'], depends_on: [] });
    const whisperTest = "const test = require('node:test');\nconst assert = require('node:assert');\n\ntest('whispers', () => {\n  const { whisper } = require('../src/whisper');\n  assert.equal(whisper('Ada'), 'hello, ada');\n});\n";
    s.script(
      { match: { role: 'ceo', step: 'blueprint' }, reply: answer('```dac\n' + JSON.stringify(two) + '\n```\n') },
      { match: { role: 'ceo', step: 'tests', task: 'T2' }, reply: result('T2', 'tests', block('test/whisper.test.js', '', whisperTest)) },
      { match: { role: 'ceo', step: 'implementation', task: 'T2' }, reply: result('T2', 'implementation', block('src/whisper.js', '', "module.exports = { whisper: (name) => ('Hello, ' + name).toLowerCase() };\n")) },
      { match: { role: 'ceo', step: 'refactor', task: 'T2' }, reply: result('T2', 'refactor') },
      ...updateRoutes(),
    );
    // limits.parallelTasks is 3 by default: CREATE would run these two side by side.
    const r = await update([REQUEST]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const events = s.journal();
    assert.deepEqual(notes(events, 'wave.test').map((n) => (n.data as { tasks: string[] }).tasks), [['T1', 'T2']], 'one wave');
    // By the fake's log: every request of one task came before every request of the other.
    const seqOf = (task: string): number[] => s.fake.requests().filter((q) => q.dac?.task === task).map((q) => q.seq);
    const [t1, t2] = [seqOf('T1'), seqOf('T2')];
    assert.ok(t1.length > 0 && t2.length > 0);
    assert.ok(Math.max(...t1) < Math.min(...t2) || Math.max(...t2) < Math.min(...t1), `interleaved: T1 ${t1.join(',')}; T2 ${t2.join(',')}`);
    assert.deepEqual(notes(events, 'task.suite').map((n) => (n.data as { ok: boolean }).ok), [true, true]);
  });

  it('kill -9 during a task; resume goes on with the same recon and baseline (not run again), the regression guard still in place, no step done twice', async () => {
    writeProject(s.ws);
    // The first implementation request is held open: the process is killed while waiting for it.
    s.script({ match: { role: 'ceo', step: 'implementation', task: 'T1' }, reply: { hang: true }, times: 1 }, ...updateRoutes());
    const config = s.config();
    const first = s.start(['update', REQUEST, '--config', config]);
    await until(() => s.fake.requests().some((q) => q.dac?.step === 'implementation'), 'the implementation request');
    first.child.kill('SIGKILL');
    await first.done;
    const runId = s.runId();
    // A test file is added while the run is stopped: the recorded baseline stands, it is not run again.
    writeFileSync(join(s.ws, 'test', 'extra.test.js'), "require('node:test')('added later', () => {});\n");
    const resumed = await s.run(['resume', runId, '--config', config], {}, 80000);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    const events = s.journal();
    assert.equal(endOf(events)?.state, 'shipped', endOf(events)?.reason);
    assert.deepEqual(effectsDoneTwice(events), []);
    const done = events.filter((e) => e.type === 'effect.done').map((e) => (e.type === 'effect.done' ? e.key : ''));
    assert.equal(done.filter((k) => k === 'command:baseline').length, 1);
    assert.equal(done.filter((k) => k === 'recon').length, 1);
    assert.equal(notes(events, 'baseline').length, 1);
    assert.deepEqual(notes(events, 'task.suite').map((n) => (n.data as { ok: boolean }).ok), [true]);
    assert.equal(s.fake.requests().filter((q) => q.dac?.step === 'blueprint').length, 1, 'the blueprint was not asked again');
  });

  it('a regression the model does not fix: two TRAPs, the task rolled back, the old file restored byte for byte, not shipped', async () => {
    const crlf = GREET_JS.replace(/\n/g, '\r\n');
    writeProject(s.ws);
    writeFileSync(join(s.ws, 'src', 'greet.js'), crlf);
    const breakCrlf = block('src/greet.js', GREET_JS, "function greet(name) {\n  return 'Hi, ' + name + '!';\n}\n\nfunction shout(name) {\n  return 'HELLO, ' + name.toUpperCase() + '!';\n}\n\nmodule.exports = { greet, shout };\n");
    s.script({ match: { role: 'ceo', step: 'implementation', task: 'T1' }, replies: [result('T1', 'implementation', breakCrlf), result('T1', 'implementation', '')] }, ...updateRoutes());
    const r = await update([REQUEST]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const events = s.journal();
    const traps = notes(events, 'trap').map((n) => n.data as { regressions?: string[] });
    assert.equal(traps.length, 2);
    assert.deepEqual(traps.map((t) => t.regressions), [['greets by name'], ['greets by name']]);
    assert.deepEqual(notes(events, 'rollback').map((n) => n.task), ['T1']);
    assert.equal(readFileSync(join(s.ws, 'src', 'greet.js'), 'latin1'), crlf, 'exact pre-task bytes');
    assert.equal(existsSync(join(s.ws, 'test', 'shout.test.js')), false, 'the test file the task created is removed');
    assert.equal(endOf(events)?.state, 'not_shipped');
    assert.match(endOf(events)?.reason ?? '', /T1 rolled_back/);
  });
});

describe('factory update --from-audit (built CLI, fake models)', function () {
  this.timeout(120000);
  const s = usePipelineSandbox('factory-update-audit-');
  /** A run's journal as the refusals need it: the run event, an audit.findings note (or none), the end. */
  const writeAudit = (id: string, mode: string, findings: object[] | undefined): void => {
    const dir = join(s.ws, '.factory', 'runs', id);
    mkdirSync(dir, { recursive: true });
    const lines: object[] = [{ type: 'run', runId: id, mode, request: 'audit of .', version: '0', dir: s.ws, path: '.', seq: 1, at: 1 }];
    if (findings) lines.push({ type: 'note', topic: 'audit.findings', data: { findings }, seq: 2, at: 2 });
    lines.push({ type: 'end', state: 'shipped', reason: 'audit written', seq: 3, at: 3 });
    writeFileSync(join(dir, 'journal.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  };
  const update = (args: string[]) => s.run(['update', ...args, '--config', s.config()], {}, 100000);

  it("audit, then update from its findings: a real audit's findings (file:line, issue, fix, most severe first) are the request, fromAudit is recorded, and the bug is fixed test-first", async () => {
    cpSync(BUGGY_DIR, s.ws, { recursive: true });
    const NO_FILE = { severity: 'medium', file: 'src/average.js', line: 2, issue: 'average is missing', fix: 'add it' };
    s.fake.route(
      { match: { role: 'ceo', step: 'audit' }, reply: answer(auditReply(55, [BUG])) },
      { match: { role: 'qc', step: 'audit' }, reply: answer(auditReply(40, [{ ...BUG, severity: 'low', line: 3, issue: 'sum has no doc for an empty list', fix: 'say it returns 0' }])) },
      { match: { role: 'architect', step: 'audit' }, reply: answer(auditReply(70, [NO_FILE])) },
      { match: { role: 'ceo', step: 'learning' }, reply: answer(learningReply()) },
    );
    const audited = await s.run(['audit', '--config', s.config(), '--yes'], {}, 100000);
    assert.equal(audited.code, 0, audited.stdout + audited.stderr);
    const [auditId] = s.runIds();
    assert.ok(auditId);
    s.fake.reset();

    const blueprint = answer(
      '```dac\n' +
        JSON.stringify({
          dac: 1,
          kind: 'blueprint',
          title: 'sum counts the last number',
          summary: 'Fix the loop bound of sum (audit finding, high).',
          core: { stack: ['node'], conventions: ['CommonJS'], contracts: ['sum(list: number[]): number'], security: [], commands: { test: 'npm test', test_files: 'node --test {files}', build: null, start: null } },
          tasks: [{ id: 'T1', title: 'loop bound', acceptance: ['sum([5]) returns 5'], files: ['src/sum.js', 'test/sum_last.test.js'], tests: ['test/sum_last.test.js'], depends_on: [] }],
          decisions: [{ topic: 'src/average.js', choice: 'not added: the finding names a file that does not exist and no request for it', source: 'assumption' }],
        }) +
        '\n```\n',
    );
    const test = "const test = require('node:test');\nconst assert = require('node:assert/strict');\nconst { sum } = require('../src/sum.js');\n\ntest('counts the last number', () => assert.equal(sum([5]), 5));\n";
    s.script(
      { match: { role: 'ceo', step: 'blueprint' }, reply: blueprint },
      { match: { role: 'ceo', step: 'tests', task: 'T1' }, reply: result('T1', 'tests', block('test/sum_last.test.js', '', test)) },
      { match: { role: 'ceo', step: 'implementation', task: 'T1' }, reply: result('T1', 'implementation', block('src/sum.js', '  for (let i = 0; i < list.length - 1; i++) total += list[i];\n', '  for (let i = 0; i < list.length; i++) total += list[i];\n')) },
      {
        match: { role: 'twin', step: 'verify_plan' },
        reply: answer('```dac\n' + JSON.stringify({ dac: 1, kind: 'verify_plan', probes: [{ id: 'P1', kind: 'command', argv: ['node', '-e', "console.log(require('./src/sum.js').sum([1, 2, 3]))"], stdin: '', expect: 'prints 6' }] }) + '\n```\n'),
      },
      ...updateRoutes(),
    );
    const r = await update(['--from-audit', auditId]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const runs = s.runIds().filter((id) => id !== auditId);
    assert.equal(runs.length, 1);
    const events = s.journal(runs[0]);
    const start = events.find((e) => e.type === 'run');
    assert.equal(start?.type === 'run' && start.mode, 'update');
    assert.equal(start?.type === 'run' && start.fromAudit, auditId);
    // The ceo's request is the audit's findings, most severe first, each with file:line, issue and fix.
    const asked = JSON.stringify(s.fake.requests().find((q) => q.dac?.step === 'blueprint')?.body);
    const high = asked.indexOf('[high] src/sum.js:5');
    const medium = asked.indexOf('[medium] src/average.js:2 (the audit did not find this file)');
    const low = asked.indexOf('[low] src/sum.js:3');
    assert.ok(high >= 0 && medium > high && low > medium, asked);
    assert.match(asked, /the loop stops before the last element/);
    assert.match(asked, /Fix: loop to i < list.length/);
    assert.match(r.stdout, new RegExp(`audit ${auditId}: 3 findings`));
    // The audit's failing test was failing in the baseline (not blamed); the fix makes it pass.
    assert.deepEqual((notes(events, 'baseline')[0]?.data as { failing: string[] }).failing, ['adds every number']);
    assert.match(readFileSync(join(s.ws, 'src', 'sum.js'), 'utf8'), /i < list\.length; i\+\+/);
    const wave = notes(events, 'wave.test')[0]?.data as { passed: boolean; command: { exitCode: number } };
    assert.equal(wave.command.exitCode, 0, 'the whole suite passes now, the old failing test included');
    assert.match(readFileSync(s.runFile('report.md', runs[0]), 'utf8'), new RegExp(`Mode: UPDATE, fixing the findings of audit ${auditId}`));
    assert.equal(endOf(events)?.state, 'shipped', endOf(events)?.reason);
  });

  it('refuses, exit 2 and nothing run: an id with no run, a run that is not an audit, an audit without findings, and a request beside --from-audit', async () => {
    writeProject(s.ws);
    writeAudit('20260101-000001-c4e0', 'create', undefined);
    writeAudit('20260101-000002-a0d2', 'audit', []);
    s.script(...updateRoutes());
    const cases: Array<[string[], RegExp]> = [
      [['--from-audit', '20260101-000009-ffff'], /there is no run 20260101-000009-ffff/],
      [['--from-audit', '20260101-000001-c4e0'], /is a CREATE run, not an audit/],
      [['--from-audit', '20260101-000002-a0d2'], /found nothing to fix/],
      [['fix it', '--from-audit', '20260101-000002-a0d2'], /either a request or --from-audit/],
      [[], /say what to change/],
    ];
    for (const [args, message] of cases) {
      const r = await update(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.equal(s.fake.requests().length, 0);
    assert.deepEqual(s.runIds(), ['20260101-000001-c4e0', '20260101-000002-a0d2']);
  });
});
