import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { auditFindingsOf, recordedFindingsOf } from '../../../src/core/pipeline/audit/auditFindings';
import type { FactoryApi } from '../../../src/vscode/extension';
import { RUN_IT, SKIP_IT } from '../../../src/vscode/gatePrompt';
import type { CommandOutcome } from '../../../src/vscode/outcome';
import { answer } from '../../e2e/pipelineScenario';
import type { FakeLlm } from '../../fakes/fakeLlm';
import { auditReply, BUG, BUGGY_DIR, hashTree, learningReply } from '../../unit/pipeline/audit/buggyProject';
import { activeFactory, scriptedFactory, type ScriptedFactory } from '../scriptedFactory';

const KEY = 'sk-scripted-audit-key';

// Item 5 of issue 9 inside a real VS Code: "Factory: Audit Folder" on a folder of the workspace (as the
// Explorer's context menu passes it) audits it with the scripted reviewers at the fake server, asks
// before running the project's tests, writes its report under that folder's .factory/runs/, and leaves
// every file of the project as it was although the replies carry SEARCH/REPLACE blocks.
describe('Audit Folder runs an AUDIT in VS Code', function () {
  this.timeout(180000);
  let scripted: ScriptedFactory | undefined;
  let fake: FakeLlm;
  let factory: FactoryApi;
  let project: string;
  const journal = (id: string) => scripted!.journal(id, project);

  before(async function () {
    // The consent question is a modal; only the testing API can answer it (the installed VSIX has none).
    if (!(await activeFactory()).testing) this.skip();
    scripted = await scriptedFactory(KEY);
    ({ fake, factory } = scripted);
    project = join(scripted.root, 'sums');
  });
  beforeEach(() => {
    cpSync(BUGGY_DIR, project, { recursive: true });
    fake.route(
      { match: { role: 'ceo', step: 'audit' }, reply: answer(auditReply(55, [BUG], true)) },
      { match: { role: 'qc', step: 'audit' }, reply: answer(auditReply(40, [BUG], true)) },
      { match: { role: 'architect', step: 'audit' }, reply: answer(auditReply(70, [], true)) },
      { match: { role: 'ceo', step: 'learning' }, reply: answer(learningReply()) },
    );
  });
  afterEach(() => {
    if (!scripted) return;
    fake.reset();
    factory.testing?.answerGateQuestions(undefined);
    rmSync(project, { recursive: true, force: true });
  });
  after(async () => {
    await scripted?.close();
  });

  const auditWith = async (consent: string | undefined, fromPalette = false): Promise<CommandOutcome> => {
    const asked: string[] = [];
    factory.testing?.answerGateQuestions({
      choose: async () => undefined,
      input: async () => undefined,
      consent: async (question) => {
        asked.push(question);
        return consent;
      },
    });
    // From the palette no folder comes with the command: it asks which (the workspace folder or one of its folders).
    let offered: string[] = [];
    factory.testing?.answerQuestions((q) => {
      offered = q.labels;
      return /Which folder should be audited/.test(q.text) ? '$(folder) sums' : undefined;
    });
    const outcome = fromPalette
      ? await vscode.commands.executeCommand<CommandOutcome>('factory.audit')
      : await vscode.commands.executeCommand<CommandOutcome>('factory.audit', vscode.Uri.file(project));
    factory.testing?.answerQuestions(undefined);
    if (fromPalette) assert.ok(offered[0]?.startsWith('$(root-folder) ') && offered.includes('$(folder) sums'), `folders offered: ${offered.join(' | ')}`);
    assert.deepEqual(asked, ["Factory: run the project's tests (npm test)?"]);
    return outcome;
  };

  it('with a yes, runs the tests for real, records findings with lines, writes report.md under the folder, changes no file', async () => {
    const before = hashTree(project);
    const outcome = await auditWith(RUN_IT);
    assert.equal(outcome.status, 'done', outcome.detail);
    assert.ok(outcome.run, outcome.detail);
    assert.equal(outcome.run.state, 'shipped', outcome.run.reason);
    assert.match(outcome.detail, new RegExp(`^Audit ${outcome.run.id} is done: audit done: 1 finding \\(1 high\\), 2 as reported`));
    assert.equal(outcome.run.reportFile, join(project, '.factory', 'runs', outcome.run.id, 'report.md'));
    assert.match(readFileSync(outcome.run.reportFile, 'utf8'), /^# Factory audit /);
    assert.deepEqual(hashTree(project), before, 'the project is byte-identical outside .factory/');
    const events = journal(outcome.run.id);
    const tests = events.find((e) => e.type === 'note' && e.topic === 'audit.tests');
    assert.ok(tests?.type === 'note');
    assert.deepEqual([(tests.data as { state: string }).state, (tests.data as { exitCode: number }).exitCode, (tests.data as { consent: string }).consent], ['ran', 1, 'allowed in VS Code']);
    assert.deepEqual(recordedFindingsOf(events)?.map((f) => `${f.by} ${f.file}:${f.line} ${f.checked}`), ['ceo src/sum.js:5 ok', 'qc src/sum.js:5 ok']);
    // The same bug from ceo and qc is one finding.
    assert.deepEqual(auditFindingsOf(events)?.map((f) => `${f.foundBy.join(', ')} ${f.file}:${f.line}`), ['ceo, qc src/sum.js:5']);
    // Issue 10, item 5: that finding is a diagnostic on its file and line, an error (high).
    const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.file(join(project, 'src', 'sum.js'))).filter((d) => d.source === 'Factory');
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.severity, (d.code as { value: string }).value]),
      [[4, vscode.DiagnosticSeverity.Error, 'audit (ceo, qc)']],
    );
  });

  it("from the palette with a folder picked; with \"Don't Run\", the tests are not run and the audit goes on", async () => {
    const outcome = await auditWith(SKIP_IT, true);
    assert.equal(outcome.run?.state, 'shipped', outcome.detail);
    assert.equal(outcome.target, project);
    const notice = factory.testing?.notices().at(-1);
    assert.equal(notice?.level, 'info');
    assert.match(notice?.text ?? '', /^Audit done: /);
    const tests = journal(outcome.run.id).find((e) => e.type === 'note' && e.topic === 'audit.tests');
    assert.ok(tests?.type === 'note');
    assert.deepEqual(tests.data, { state: 'declined', command: 'npm test', why: 'declined in VS Code' });
    assert.ok(!journal(outcome.run.id).some((e) => e.type === 'effect.start' && e.kind === 'command'));
  });
});
