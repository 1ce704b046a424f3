import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FactoryApi } from '../../../src/vscode/extension';
import type { CommandOutcome } from '../../../src/vscode/outcome';
import { scenarioRoutes } from '../../e2e/pipelineScenario';
import type { FakeLlm } from '../../fakes/fakeLlm';
import { scriptedFactory, until, type ScriptedFactory } from '../scriptedFactory';

const KEY = 'sk-scripted-editor-key';

// Issue 10, items 3-5 in a real VS Code: after "Factory: Build" (every role at the fake server), code
// QC's finding is a diagnostic with a quick fix that starts an UPDATE; blueprint.md shows the review
// rounds and the tasks' states as CodeLens; the status bar followed the run; a task's diff opens.
describe('Factory in the editor: diagnostics, quick fix, blueprint CodeLens, status bar, task diff', function () {
  this.timeout(240000);
  let scripted: ScriptedFactory | undefined;
  let fake: FakeLlm;
  let factory: FactoryApi;
  let root: string;
  let keep: Set<string>;
  let built: CommandOutcome;
  const statusSeen: string[] = [];
  const file = (path: string): vscode.Uri => vscode.Uri.file(join(root, ...path.split('/')));
  const journal = (id: string) => scripted!.journal(id);
  const factoryDiagnostics = (path: string): vscode.Diagnostic[] => vscode.languages.getDiagnostics(file(path)).filter((d) => d.source === 'Factory');

  before(async () => {
    scripted = await scriptedFactory(KEY, { commandTimeoutS: 60 });
    ({ fake, factory, root } = scripted);
    keep = new Set(readdirSync(root));

    fake.route(...scenarioRoutes());
    const watching = setInterval(() => {
      const text = factory.testing?.statusBarText?.();
      if (text && statusSeen.at(-1) !== text) statusSeen.push(text);
    }, 20);
    try {
      built = await vscode.commands.executeCommand<CommandOutcome>('factory.build', 'a slugify library with tests');
    } finally {
      clearInterval(watching);
    }
    assert.equal(built.run?.state, 'shipped', built.detail);
  });
  afterEach(() => fake?.reset());
  after(async () => {
    if (!scripted) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of readdirSync(root)) if (!keep.has(f)) rmSync(join(root, f), { recursive: true, force: true });
    await scripted.close();
  });

  it('the status bar showed the stage and the last score against its target while the run went, and hides at its end', function () {
    // The status bar is read through the testing API, which the installed VSIX does not have.
    if (!factory.testing) this.skip();
    assert.ok(statusSeen.some((t) => /Factory: review/.test(t)), statusSeen.join('\n'));
    assert.ok(statusSeen.some((t) => /review 1 \(qc\) \d+\/95/.test(t)), statusSeen.join('\n'));
    assert.ok(statusSeen.some((t) => /code QC 93\/\d+/.test(t)), statusSeen.join('\n'));
    assert.equal(factory.testing?.statusBarText?.(), undefined, 'hidden once the run ended');
  });

  it("code QC's finding is a diagnostic on its file and line: source Factory, severity from the finding's (low: information)", () => {
    const [d, ...more] = factoryDiagnostics('src/slugify.js');
    assert.ok(d, 'a Factory diagnostic on src/slugify.js');
    assert.deepEqual(more, []);
    assert.equal(d.range.start.line, 2, 'line 3 of the finding, 0-based');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.match(d.message, /non-string input is coerced silently — fix: document it/);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'code QC');
    assert.equal(code.target.fsPath, built.run?.reportFile);
  });

  it("blueprint.md shows each review round's scores against the target and each task's state above its lines", async () => {
    const id = built.run!.id;
    const uri = vscode.Uri.file(join(root, '.factory', 'runs', id, 'blueprint.md'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = await until(async () => {
      const l = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      return l.length > 0 ? l : undefined;
    }, 'the CodeLens of blueprint.md');
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => /^Review round 1: qc \d+ · architect \d+ \(target 95 — below\)$/.test(t)), titles.join('\n'));
    assert.ok(titles.some((t) => /^Review round 2: qc \d+ · architect \d+ \(target 95 — reached\)$/.test(t)), titles.join('\n'));
    assert.ok(titles.includes('Gate: ACCEPT by the twin'), titles.join('\n'));
    for (const task of ['T1', 'T2', 'T3']) {
      const lens = lenses.find((l) => l.command?.title.startsWith(`${task}: `));
      assert.ok(lens?.command, `a lens for ${task}`);
      assert.match(lens.command.title, new RegExp(`^${task}: done — tests ✓ RED ✓ GREEN ✓ refactor ✓ gates ✓ · 0 TRAPs$`));
      assert.match(doc.lineAt(lens.range.start.line).text, new RegExp(`"id": "${task}"`), `${task}'s lens sits on its lines`);
      assert.equal(lens.command.command, 'factory.showTaskDiff');
    }
  });

  it("a task's diff opens: its file before the task (from the run's snapshot) against the file now", async () => {
    const id = built.run!.id;
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.showTaskDiff', { runId: id, taskId: 'T1', file: 'src/slugify.js' });
    assert.equal(outcome.status, 'done', outcome.detail);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `a diff tab (got ${tab?.label})`);
    assert.equal(tab.input.original.scheme, 'factory-preimage');
    assert.equal(tab.input.modified.fsPath, file('src/slugify.js').fsPath);
    // T1 created the file: before the task it was empty; now it holds the code.
    assert.equal((await vscode.workspace.openTextDocument(tab.input.original)).getText(), '');
    assert.match((await vscode.workspace.openTextDocument(tab.input.modified)).getText(), /slugify/);
    const none = await vscode.commands.executeCommand<CommandOutcome>('factory.showTaskDiff', { runId: id, taskId: 'T9' });
    assert.equal(none.status, 'idle');
    assert.match(none.detail, /has not started/);
  });

  it('"Ask Factory to fix this" starts an UPDATE of the folder with that finding as its request; the new run clears the folder\'s diagnostics', async () => {
    const [d] = factoryDiagnostics('src/slugify.js');
    assert.ok(d);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file('src/slugify.js'), d.range);
    const fix = actions?.find((a) => a.title === 'Ask Factory to fix this');
    assert.ok(fix?.command, `the quick fix (got ${actions?.map((a) => a.title).join(', ')})`);
    assert.equal(fix.command.command, 'factory.update');
    // The UPDATE waits at its first model call; it is cancelled there (resumable) once its start is seen.
    fake.route({ match: { role: 'ceo' }, reply: { hang: true } });
    const running = vscode.commands.executeCommand<CommandOutcome>(fix.command.command, ...(fix.command.arguments ?? []));
    await until(() => fake.requests().length > 0, 'the UPDATE asking its first model', 60000);
    assert.deepEqual(factoryDiagnostics('src/slugify.js'), [], 'a new run on the folder clears its diagnostics');
    await vscode.commands.executeCommand('factory.cancel');
    const outcome = await running;
    assert.ok(outcome.run, outcome.detail);
    const start = journal(outcome.run.id).find((e) => e.type === 'run');
    assert.ok(start?.type === 'run');
    assert.equal(start.mode, 'update');
    assert.match(start.request, /\[low\] src\/slugify\.js:3: non-string input is coerced silently/);
    assert.match(start.request, /Fix proposed: document it/);
  });
});
