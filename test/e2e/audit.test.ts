// `factory audit` through the built CLI against the fake server: a small project with a real bug
// (test/fixtures/audit/buggy) is audited — recon computed, its tests run for real, three reviewers,
// findings whose file and line the engine finds (or marks) — and is left byte-identical although every scripted
// reply carries SEARCH/REPLACE blocks. Resume of an audit, `factory runs`, and the usage errors.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditFindingsOf, recordedFindingsOf } from '../../src/core/pipeline/audit/auditFindings';
import type { Journalled } from '../../src/core/pipeline/journal/events';
import { auditReply, BUG, BUGGY_DIR, hashTree, learningReply } from '../unit/pipeline/audit/buggyProject';
import { answer } from './pipelineScenario';
import { effectsDoneTwice, endOf, notes, until, usePipelineSandbox } from './pipelineSandbox';
import { assertModeStages } from './modeStages';
import { saysReadOnly, systemPromptOf } from './systemPromptOf';

const PAST_END = { severity: 'low', file: 'src/sum.js', line: 40, issue: 'a line that is not there', fix: 'none' };
const NO_FILE = { severity: 'medium', file: 'src/average.js', line: 2, issue: 'a file that is not there', fix: 'none' };

describe('factory audit (built CLI, fake models)', function () {
  this.timeout(120000);
  const s = usePipelineSandbox('factory-audit-');

  /** Every reviewer answers with findings and blocks that would fix the bug; the ceo's learning carries a block too. */
  const scriptAuditors = (...first: Parameters<typeof s.fake.route>) =>
    s.fake.route(
      ...first,
      { match: { role: 'ceo', step: 'audit' }, reply: answer(auditReply(55, [BUG], true)) },
      { match: { role: 'qc', step: 'audit' }, reply: answer(auditReply(40, [BUG, PAST_END], true)) },
      { match: { role: 'architect', step: 'audit' }, reply: answer(auditReply(70, [NO_FILE], true)) },
      { match: { role: 'ceo', step: 'learning' }, reply: answer(learningReply(true)) },
    );

  const project = (under = ''): string => {
    const dir = join(s.ws, under);
    cpSync(BUGGY_DIR, dir, { recursive: true });
    return dir;
  };
  const journalOf = (dir: string, id: string): Journalled[] =>
    readFileSync(join(dir, '.factory', 'runs', id, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Journalled);

  it('audits a buggy project: its tests run for real, findings carry lines whose existence is checked, the same bug from two reviewers is one row, report.md, exit 0, not one project byte changed', async () => {
    const dir = project();
    const before = hashTree(dir);
    scriptAuditors();
    const r = await s.run(['audit', '--config', s.config(), '--yes']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(hashTree(dir), before, 'the project is byte-identical outside .factory/');

    const events = s.journal();
    const start = events.find((e) => e.type === 'run');
    assert.ok(start?.type === 'run' && start.mode === 'audit' && start.path === '.');
    assert.equal(endOf(events)?.state, 'shipped');
    assertModeStages(events);
    // Recon was computed (no model was asked for it) and found the test command.
    assert.ok(!s.fake.requests().some((q) => q.dac?.step === 'recon'));
    assert.equal((notes(events, 'recon')[0]?.data as { testCommand: string }).testCommand, 'npm test');
    const tests = notes(events, 'audit.tests')[0]?.data as { state: string; exitCode: number; digest: string; consent: string };
    assert.equal(tests.state, 'ran');
    assert.equal(tests.exitCode, 1, 'the real bug fails the real test');
    assert.match(tests.digest, /adds every number/);
    assert.equal(tests.consent, 'allowed by --yes');

    assert.deepEqual(
      recordedFindingsOf(events)?.map((f) => [f.by, f.severity, f.file, f.line, f.checked]),
      [
        ['ceo', 'high', 'src/sum.js', 5, 'ok'],
        ['qc', 'high', 'src/sum.js', 5, 'ok'],
        ['qc', 'low', 'src/sum.js', 40, 'no_line'],
        ['architect', 'medium', 'src/average.js', 2, 'no_file'],
      ],
    );
    // The bug ceo and qc both found is one finding, for the report and for an UPDATE.
    assert.deepEqual(
      auditFindingsOf(events)?.map((f) => [f.foundBy.join('+'), f.file, f.line]),
      [
        ['ceo+qc', 'src/sum.js', 5],
        ['qc', 'src/sum.js', 40],
        ['architect', 'src/average.js', 2],
      ],
    );
    assert.equal(notes(events, 'audit.findings').length, 1);
    // No step of an audit is taught to edit: every system prompt says it is read-only.
    const asked = s.fake.requests().filter((q) => q.dac);
    assert.deepEqual([...new Set(asked.map((q) => `${q.dac?.role}:${q.dac?.step}`))].sort(), ['architect:audit', 'ceo:audit', 'ceo:learning', 'qc:audit']);
    for (const q of asked) assert.ok(saysReadOnly(systemPromptOf(q)), `${q.dac?.role} at ${q.dac?.step}:\n${systemPromptOf(q)}`);
    assert.deepEqual(notes(events, 'protocol_violation').map((n) => (n.data as { role: string; step: string }).role + ':' + (n.data as { step: string }).step).sort(), ['architect:audit', 'ceo:audit', 'ceo:learning', 'qc:audit']);

    const report = readFileSync(s.runFile('report.md'), 'utf8');
    assert.match(report, /^# Factory audit /);
    assert.match(report, /\*\*audit done\*\*: 3 findings \(1 high, 1 medium, 1 low\), 4 as reported \(the same issue from several reviewers counted once\), 2 naming a file or line that does not exist; scores ceo 55, qc 40, architect 70; the project's tests fail/);
    assert.match(report, /\| ceo \| self-audit \| 55 \|/);
    assert.match(report, /### high \(1\)[\s\S]*\| src\/sum\.js:5 \| ceo, qc \|/);
    assert.match(report, /the engine checked only that each named file and line exist, not that the finding is true/);
    assert.match(report, /src\/sum\.js:40 \(NO SUCH LINE/);
    assert.match(report, /src\/average\.js:2 \(NO SUCH FILE\)/);
    assert.match(report, /`npm test`, run by the engine \(allowed by --yes\) → exit 1 \(they fail\)/);
    assert.match(report, /## What was read\n\nRead whole: 4 files/);
    assert.match(report, /Shown to every reviewer \(the README, the manifest, the entry points' source\): 2 files\.\n\n- README\.md \(\d+ lines\)\n- package\.json \(\d+ lines\)/);
    assert.match(report, /Read by qc for its angle \(tests and the code they test\): 2 files\.[\s\S]*- test\/sum\.test\.js \(4 lines\)\n- src\/sum\.js \(8 lines\)/);
    assert.match(report, /Every file recon found was read\./);
    assert.match(report, /## Protocol violations/);
    assert.match(report, /## Learned\n\nStored for the next runs: 0 owner decision\(s\), 1 trap\(s\), 0 rule\(s\) \(1 new\)\./);
    assert.match(r.stdout, /Run \S+: AUDIT DONE\n {2}why: {4}audit done: 3 findings/);
  });

  it('audits PATH under --dir: the run lives in PATH/.factory, `factory runs --dir PATH` lists it; without --yes and a terminal the tests are not run', async () => {
    mkdirSync(join(s.ws, 'outer'));
    const dir = project('outer/app');
    const before = hashTree(dir);
    scriptAuditors();
    const r = await s.run(['audit', 'app', '--dir', 'outer', '--config', s.config()]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(hashTree(dir), before);
    assert.deepEqual(s.runIds(), [], 'nothing in the folder the command ran from');
    const listed = await s.run(['runs', '--dir', join('outer', 'app'), '--json']);
    const rows = listed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; request: string; state: string });
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]?.request, rows[0]?.state], ['audit of app', 'shipped']);
    const events = journalOf(dir, rows[0]?.id ?? '');
    assert.deepEqual(notes(events, 'audit.tests').map((n) => n.data), [{ state: 'declined', command: 'npm test', why: 'nobody was asked (no terminal); pass --yes to run them' }]);
    assert.ok(!events.some((e) => e.type === 'effect.start' && e.kind === 'command'), 'no command ran');
  });

  it('an audit stopped while the architect is asked resumes: no answered call asked again, one findings note, exit 0', async () => {
    project();
    scriptAuditors({ match: { role: 'architect', step: 'audit' }, reply: { hang: true }, times: 1 });
    const config = s.config();
    const first = s.start(['audit', '--config', config, '--yes']);
    await until(() => s.fake.requests().some((q) => q.dac?.role === 'architect'), 'the architect request');
    const journalText = (): string => {
      try {
        return readFileSync(s.runFile('journal.jsonl'), 'utf8');
      } catch {
        return '';
      }
    };
    await until(() => journalText().includes('"key":"call:audit:qc","kind":"call","result"'), 'the qc answer journalled');
    first.child.kill('SIGKILL');
    await first.done;
    const id = s.runId();
    const before = new Map(s.requestsByContext());
    const stoppedRows = JSON.parse((await s.run(['runs', '--json'])).stdout.trim()) as { state: string; stage: string };
    assert.equal(stoppedRows.state, 'unfinished');

    const resumed = await s.run(['resume', id, '--config', config, '--yes'], {}, 80000);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    const events = s.journal();
    assert.equal(endOf(events)?.state, 'shipped');
    assert.deepEqual(effectsDoneTwice(events), []);
    const after = s.requestsByContext();
    for (const [line, n] of before) assert.equal(after.get(line), line.includes('role=architect') ? n + 1 : n, line);
    assert.equal(notes(events, 'audit.findings').length, 1);
    assert.equal(recordedFindingsOf(events)?.length, 4);
    // The project's tests ran once, before the kill; the resume reused the run.
    assert.equal(events.filter((e) => e.type === 'effect.done' && e.key === 'command:audit:tests').length, 1);
    assert.match(readFileSync(s.runFile('report.md', id), 'utf8'), /resumed 1 time/);
  });

  it('an audit that cannot finish (a reviewer never sends a usable report) exits 1 and says so; the findings it has are kept', async () => {
    project();
    scriptAuditors({ match: { role: 'architect', step: 'audit' }, reply: answer('Looks fine to me.') });
    const r = await s.run(['audit', '--config', s.config()]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /Run \S+: AUDIT COULD NOT FINISH\n {2}why: {4}the audit could not finish: the architect's audit report could not be used/);
    assert.deepEqual(recordedFindingsOf(s.journal())?.map((f) => f.by), ['ceo', 'qc', 'qc']);
    assert.match(readFileSync(s.runFile('report.md'), 'utf8'), /\*\*audit could not finish\*\*/);
  });

  it('usage errors exit 2 and write nothing: no such folder, a file for PATH, an unknown option', async () => {
    writeFileSync(join(s.ws, 'file.txt'), 'x');
    const config = s.config();
    const missing = await s.run(['audit', 'nowhere', '--config', config]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /there is no folder \S+nowhere to audit \(check PATH\)/);
    const file = await s.run(['audit', 'file.txt', '--config', config]);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /file\.txt is a file; factory audit takes a folder/);
    const option = await s.run(['audit', '--config', config, '--nope']);
    assert.equal(option.code, 2);
    assert.deepEqual(s.runIds(), []);
    assert.equal(s.fake.requests().length, 0);
  });
});
