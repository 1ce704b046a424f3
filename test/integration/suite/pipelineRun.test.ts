import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Journalled } from '../../../src/core/pipeline/journal/events';
import { keyNeed } from '../../../src/core/providers/keys';
import type { FactoryApi } from '../../../src/vscode/extension';
import { ACCEPT, CHANGE } from '../../../src/vscode/gatePrompt';
import type { CommandOutcome } from '../../../src/vscode/outcome';
import { answer, modelOf, scenarioReply, scenarioRoutes, SCRIPTED_PRICE, SCRIPTED_ROLES } from '../../e2e/pipelineScenario';
import { updateRoutes, writeProject } from '../../e2e/updateScenario';
import { FakeLlm } from '../../fakes/fakeLlm';

const REQUEST = 'a slugify library with tests';
const KEY = 'sk-scripted-secret-storage-key';

/** Waits until `check` holds, polling. */
async function until(check: () => boolean, what: string, timeoutMs = 60000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Items 8-10 of issue 8 inside a real VS Code: "Factory: Build" runs the pipeline over the editor's
// files and the extension's gateway (every role at the fake model server, the scripted scenario of
// the CLI's e2e tests and `npm run demo`), "Factory: Cancel Run" stops it resumably, and "Factory:
// Resume Run" completes it without asking any answered call again.
describe('Build, Cancel and Resume run the pipeline in VS Code', function () {
  this.timeout(240000);
  const fake = new FakeLlm();
  const cfg = () => vscode.workspace.getConfiguration('factory');
  const Workspace = vscode.ConfigurationTarget.Workspace;
  const Global = vscode.ConfigurationTarget.Global;
  let factory: FactoryApi;
  let root: string;
  let keep: Set<string>;
  let account: string;
  const build = () => vscode.commands.executeCommand<CommandOutcome>('factory.build', REQUEST);
  const journal = (id: string): Journalled[] =>
    readFileSync(join(root, '.factory', 'runs', id, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Journalled);
  const byContext = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const r of fake.requests()) if (r.dac) counts.set(r.dac.line, (counts.get(r.dac.line) ?? 0) + 1);
    return counts;
  };

  before(async () => {
    const ext = vscode.extensions.getExtension<FactoryApi>('factory-dev.factory');
    assert.ok(ext);
    factory = ext.isActive ? ext.exports : await ext.activate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    root = folder.uri.fsPath;
    await fake.listen();
    const baseUrl = `${fake.url}/v1`;
    // The workspace's settings point every role at the fake; the prices are the user's (User settings only).
    for (const role of SCRIPTED_ROLES) await cfg().update(`roles.${role}`, { provider: 'openai-compatible', model: modelOf(role), baseUrl }, Workspace);
    await cfg().update('providers.prices', Object.fromEntries(SCRIPTED_ROLES.map((r) => [`openai-compatible:${modelOf(r)}`, SCRIPTED_PRICE])), Global);
    await cfg().update('limits.commandTimeoutS', 60, Workspace);
    account = keyNeed({ provider: 'openai-compatible', model: modelOf('ceo'), baseUrl }).account;
    // The installed VSIX has no testing API: there the local server is used without a key.
    await factory.testing?.storeApiKey(account, KEY);
    factory.testing?.answerEndpointQuestions(async () => 'allow');
    keep = new Set(readdirSync(root));
  });
  afterEach(() => {
    fake.reset();
    factory.testing?.answerGateQuestions(undefined);
    // Each run builds the project in the folder afresh: what a run wrote goes, the settings stay.
    for (const f of readdirSync(root)) if (!keep.has(f)) rmSync(join(root, f), { recursive: true, force: true });
  });
  after(async () => {
    for (const role of SCRIPTED_ROLES) await cfg().update(`roles.${role}`, undefined, Workspace);
    await cfg().update('providers.prices', undefined, Global);
    await cfg().update('limits.commandTimeoutS', undefined, Workspace);
    await cfg().update('gate', undefined, Workspace);
    await factory.testing?.storeApiKey(account, undefined);
    await factory.testing?.forgetEndpointAnswers();
    await fake.close();
  });

  it('Build ships the scripted project: files written, report.md, the outcome done, the dashboard done with its scores', async () => {
    fake.route(...scenarioRoutes());
    // Asked in the input of "Factory: Build" (typed, as a person does), not passed as an argument.
    factory.testing?.answerQuestions((q) => (q.title === 'Factory' ? REQUEST : undefined));
    const outcome = factory.testing ? await vscode.commands.executeCommand<CommandOutcome>('factory.build') : await build();
    factory.testing?.answerQuestions(undefined);
    assert.equal(outcome.status, 'done', outcome.detail);
    assert.ok(outcome.run, outcome.detail);
    assert.equal(outcome.run.state, 'shipped', outcome.run.reason);
    assert.match(outcome.detail, new RegExp(`Run ${outcome.run.id} shipped`));
    if (factory.testing) {
      // The notification leads with the outcome, as information; the request is offered again next time, first.
      const notice = factory.testing.notices().at(-1);
      assert.equal(notice?.level, 'info');
      assert.match(notice?.text ?? '', /^Shipped: a slugify library with tests/);
      let offered: string[] = [];
      factory.testing.answerQuestions((q) => {
        offered = q.labels;
        return undefined;
      });
      const again = await vscode.commands.executeCommand<CommandOutcome>('factory.build');
      factory.testing.answerQuestions(undefined);
      assert.equal(again.status, 'cancelled', again.detail);
      assert.equal(offered[0], REQUEST, `recent requests offered: ${offered.join(' | ')}`);
    }
    for (const f of ['src/slugify.js', 'src/deburr.js', 'index.js', 'test/slugify.test.js']) assert.ok(existsSync(join(root, f)), `${f} was written`);
    assert.equal(outcome.run.reportFile, join(root, '.factory', 'runs', outcome.run.id, 'report.md'));
    assert.match(readFileSync(outcome.run.reportFile, 'utf8'), /shipped/i);
    // Every request went through the extension's gateway, with the key from SecretStorage when one was stored.
    assert.ok(fake.requests().length > 10);
    if (factory.testing) assert.ok(fake.requests().every((r) => r.headers.authorization === `Bearer ${KEY}`), 'the stored key was sent');
    const log = factory.log.snapshot().map((e) => e.message);
    assert.ok(log.some((m) => /^stage: review/.test(m)), 'stages in the log');
    assert.ok(log.some((m) => /T1: RED/.test(m)) && log.some((m) => /T1: GREEN/.test(m)), 'RED then GREEN in the log');
    await vscode.commands.executeCommand('factory.openDashboard');
    await factory.dashboard.whenReady(30000);
    const live = await factory.dashboard.ping(10000);
    assert.equal(live.phase, 'done');
    // The run's picture from its journal: every stage done, every task done; its log lines with it.
    assert.equal(live.picture, `${outcome.run.id} | blueprint:done review:done gate:done waves:done code_qc:done verify:done learn:done | T1:done T2:done T3:done`);
    assert.ok(live.logLines > 50, `the run's journal lines are on the dashboard (${live.logLines})`);
    // The view hidden and shown again: its page loads anew (as after a restart) and gets the same picture, replayed from the journal.
    const loads = factory.dashboard.readies;
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('factory.openDashboard');
    await factory.dashboard.whenReady(30000, loads);
    const replayed = await factory.dashboard.ping(10000);
    assert.deepEqual([replayed.phase, replayed.picture], [live.phase, live.picture]);
    // The live page also kept the lines of the runs before this one; the new page gets this run's.
    assert.ok(replayed.logLines > 50, `the run's journal lines are replayed (${replayed.logLines})`);
    // What the run learned is kept in the extension's global storage, and "Factory: Show Learnings" shows it.
    const shown = await vscode.commands.executeCommand<CommandOutcome>('factory.showLearnings');
    assert.equal(shown.status, 'done', shown.detail);
    assert.ok(shown.target && !shown.target.startsWith(root), `the store ${shown.target} is outside the workspace`);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /\| `trap-[0-9a-f]{8}` \| text \| accented letters dropped instead of folded \|/);
  });

  it('Build while a run is going says so; Cancel stops the run resumably; Resume with its id ships, no answered call asked again', async () => {
    // The twin's first gate request is held open: the run waits there, every call before it answered.
    fake.route({ match: { role: 'twin', step: 'gate' }, reply: { hang: true }, times: 1 }, ...scenarioRoutes());
    const keys = () => factory.testing?.contextKeys();
    if (keys()) assert.equal(keys()?.['factory.running'], false, 'Cancel is off before the run');
    const running = build();
    await until(() => fake.requests().some((q) => q.dac?.step === 'gate'), 'the gate request');
    if (keys()) assert.equal(keys()?.['factory.running'], true, 'Cancel is on (and Build off) while the run goes');
    const second = await build();
    assert.equal(second.status, 'refused');
    assert.match(second.detail, /already going; one run at a time/);

    const cancelled = await vscode.commands.executeCommand<CommandOutcome>('factory.cancel');
    assert.equal(cancelled.status, 'done', cancelled.detail);
    assert.match(cancelled.detail, /Resume Run/);
    const stopped = await running;
    assert.equal(stopped.status, 'done', stopped.detail);
    assert.equal(stopped.run?.state, 'stopped', stopped.detail);
    assert.match(stopped.detail, /stopped \(resumable\)/);
    assert.match(stopped.detail, /"Factory: Resume Run"/);
    const id = stopped.run.id;
    assert.equal(journal(id).at(-1)?.type, 'end');
    const before = byContext();
    if (factory.testing) {
      await until(() => keys()?.['factory.canResume'] === true, 'Resume offered once a run stopped');
      assert.equal(keys()?.['factory.running'], false, 'Cancel is off once the run stopped');
      const notice = factory.testing.notices().find((n) => n.text.startsWith('Stopped (resumable)'));
      assert.equal(notice?.level, 'info', 'a cancel the person asked for is no warning');
      // Resume from the palette lists the stopped run with its stage, age and cost.
      let offered: string[] = [];
      factory.testing.answerQuestions((q) => {
        offered = q.descriptions;
        return undefined;
      });
      assert.equal((await vscode.commands.executeCommand<CommandOutcome>('factory.resume')).status, 'cancelled');
      factory.testing.answerQuestions(undefined);
      assert.match(offered[0] ?? '', /^stopped at gate · (just now|1 min ago) · \$\d+\.\d{4}$/);
    }

    const resumed = await vscode.commands.executeCommand<CommandOutcome>('factory.resume', id);
    assert.equal(resumed.status, 'done', resumed.detail);
    assert.equal(resumed.run?.state, 'shipped', resumed.detail);
    assert.equal(resumed.run.id, id);
    const after = byContext();
    for (const [line, n] of before) {
      const expected = line.includes('step=gate') ? n + 1 : n;
      assert.equal(after.get(line), expected, `${line}: ${after.get(line)} requests, expected ${expected}`);
    }
    const events = journal(id);
    assert.ok(events.some((e) => e.type === 'resumed'));
    const done = events.filter((e) => e.type === 'effect.done').map((e) => (e.type === 'effect.done' ? e.key : ''));
    assert.deepEqual(done.filter((k, i) => done.indexOf(k) !== i), [], 'no step done twice');
    assert.ok(existsSync(join(root, 'index.js')));

    const again = await vscode.commands.executeCommand<CommandOutcome>('factory.resume', id);
    assert.equal(again.status, 'refused');
    assert.match(again.detail, /already ended/);
    if (factory.testing) await until(() => keys()?.['factory.canResume'] === false, 'nothing left to resume');
  });

  it('gate "human": closing the question stops the run; Resume asks again, and Change… sends the changes (one box, ";"-separated) back to review', async function () {
    if (!factory.testing) this.skip();
    await cfg().update('gate', 'human', Workspace);
    // The changes go back to review: a third round, where qc answers as in round 2.
    fake.route(...scenarioRoutes(), { match: { role: 'qc', step: 'review' }, reply: answer(scenarioReply('review.qc.r2')) });
    const answers: Array<string | undefined> = [undefined];
    const inputs: string[] = [];
    factory.testing?.answerGateQuestions({ choose: async () => answers.shift(), input: async () => inputs.shift() });
    const stopped = await build();
    assert.equal(stopped.run?.state, 'stopped', stopped.detail);
    assert.match(stopped.detail, /the gate question was closed without an answer/);

    answers.push(CHANGE, ACCEPT);
    inputs.push('name the exports in index.js;  keep deburr pure \n');
    const resumed = await vscode.commands.executeCommand<CommandOutcome>('factory.resume', stopped.run.id);
    assert.equal(resumed.run?.state, 'shipped', resumed.detail);
    const gates = journal(stopped.run.id).filter((e) => e.type === 'note' && e.topic === 'gate');
    assert.deepEqual(
      gates.map((e) => (e.type === 'note' ? e.data : null)),
      [
        { by: 'human', answer: { verdict: 'CHANGE', changes: ['name the exports in index.js', 'keep deburr pure'] } },
        { by: 'human', answer: { verdict: 'ACCEPT' } },
      ],
    );
  });

  // Issue 9, items 6 and 7 in VS Code: "Factory: Update" on the folder's existing project, and the
  // button on an audit's report that turns its findings into an UPDATE.
  it('Update changes the existing project: an UPDATE run, the baseline first, the old test untouched, shipped', async () => {
    // The twin takes the gate (a test above hands it to a person).
    await cfg().update('gate', undefined, Workspace);
    writeProject(root);
    fake.route(...updateRoutes(), ...scenarioRoutes());
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.update', 'add shout(name): the greeting in capitals');
    assert.equal(outcome.status, 'done', outcome.detail);
    assert.equal(outcome.run?.state, 'shipped', outcome.detail);
    const events = journal(outcome.run.id);
    const start = events.find((e) => e.type === 'run');
    assert.equal(start?.type === 'run' && start.mode, 'update');
    assert.ok(events.some((e) => e.type === 'stage' && e.stage === 'baseline'));
    assert.match(readFileSync(join(root, 'src', 'greet.js'), 'utf8'), /shout/);
  });

  it("an audit's report.md has a CodeLens that fixes its findings with Update; a run that is not an audit is refused", async () => {
    await cfg().update('gate', undefined, Workspace);
    writeProject(root);
    const id = '20260101-000000-a0d1';
    const dir = join(root, '.factory', 'runs', id);
    mkdirSync(dir, { recursive: true });
    const finding = { by: 'qc', severity: 'high', file: 'src/greet.js', line: 2, issue: 'no shout', fix: 'add shout(name)', checked: 'ok' };
    const lines = [
      { type: 'run', runId: id, mode: 'audit', request: 'audit of .', version: '0', dir: root, path: '.', seq: 1, at: 1 },
      { type: 'note', topic: 'audit.findings', data: { findings: [finding] }, seq: 2, at: 2 },
      { type: 'end', state: 'shipped', reason: 'audit done', seq: 3, at: 3 },
    ];
    writeFileSync(join(dir, 'journal.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    writeFileSync(join(dir, 'report.md'), '# Factory audit\n');
    const report = vscode.Uri.file(join(dir, 'report.md'));
    await vscode.window.showTextDocument(report);
    let lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < 40 && lenses.length === 0; i++) {
      lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', report)) ?? [];
      if (lenses.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    const lens = lenses.find((l) => l.command?.command === 'factory.updateFromAudit');
    assert.ok(lens?.command, 'a "Fix … with Update" lens');
    assert.match(lens.command.title, /Fix the finding with Update/);
    assert.equal((lens.command.arguments?.[0] as vscode.Uri | undefined)?.fsPath, report.fsPath, 'the report, which names the audited folder');

    fake.route(...updateRoutes(), ...scenarioRoutes());
    const outcome = await vscode.commands.executeCommand<CommandOutcome>(lens.command.command, ...(lens.command.arguments ?? []));
    assert.equal(outcome.run?.state, 'shipped', outcome.detail);
    const start = journal(outcome.run.id).find((e) => e.type === 'run');
    assert.equal(start?.type === 'run' && start.fromAudit, id);
    assert.match(start?.type === 'run' ? start.request : '', /\[high\] src\/greet\.js:2 \(found by qc\): no shout/);

    const refused = await vscode.commands.executeCommand<CommandOutcome>('factory.updateFromAudit', outcome.run.id);
    assert.equal(refused.status, 'refused');
    assert.match(refused.detail, /is an UPDATE run, not an audit/);
  });
});
