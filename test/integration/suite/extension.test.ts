import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FactoryApi } from '../../../src/vscode/extension';
import type { CommandOutcome } from '../../../src/vscode/outcome';

const EXTENSION_ID = 'factory-dev.factory';

async function api(): Promise<FactoryApi> {
  const ext = vscode.extensions.getExtension<FactoryApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in the host`);
  return ext.isActive ? ext.exports : ext.activate();
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host was started without a workspace folder');
  return folder.uri;
}

describe(`Factory in a real VS Code extension host (${vscode.env.appName} ${vscode.version})`, () => {
  it('activates and reports its version', async () => {
    const ext = vscode.extensions.getExtension<FactoryApi>(EXTENSION_ID);
    const factory = await api();
    assert.equal(ext?.isActive, true);
    assert.equal(factory.version, (ext?.packageJSON as { version: string }).version);
    assert.ok(factory.log.snapshot().some((e) => /Factory .* is ready/.test(e.message)));
  });

  it('is the copy under test: this folder in development, the installed VSIX otherwise', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const mode = process.env.FACTORY_TEST_MODE;
    if (mode === 'vsix') {
      assert.ok(ext.extensionPath.startsWith(process.env.FACTORY_TEST_EXTENSIONS_DIR ?? '(unset)'), ext.extensionPath);
      // The VSIX holds only what the extension runs (the .vscodeignore allow-list).
      const top = readdirSync(ext.extensionPath).sort();
      assert.deepEqual(top.filter((f) => !['dist', 'media', 'prompts', 'package.json', 'README.md', 'LICENSE.txt', 'changelog.md', 'readme.md', '.vsixmanifest'].includes(f)), []);
      assert.ok(readdirSync(join(ext.extensionPath, 'dist')).includes('extension.js'));
    } else {
      assert.equal(mode, 'development', 'FACTORY_TEST_MODE reaches the extension host');
      assert.equal(ext.extensionPath, process.env.FACTORY_TEST_REPO);
    }
  });

  it('registers every command it contributes', async () => {
    await api();
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map(
      (c) => c.command,
    );
    assert.deepEqual(contributed.sort(), [
      'factory.audit',
      'factory.build',
      'factory.cancel',
      'factory.configureRoles',
      'factory.openDashboard',
      'factory.resume',
      'factory.setApiKey',
      'factory.showLearnings',
      'factory.showTaskDiff',
      'factory.update',
      'factory.updateFromAudit',
    ]);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('"Factory: Show Learnings" opens a Markdown document of the store in global storage: the built-in rules with their ids', async () => {
    await api();
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.showLearnings');
    assert.equal(outcome.status, 'done', outcome.detail);
    // The host's global storage may hold what earlier runs learned; the built-in rules are always there.
    assert.match(outcome.detail, /\d+ owner decision\(s\), \d+ trap\(s\), \d+ rule\(s\)/);
    assert.ok(outcome.target && !outcome.target.startsWith(workspaceRoot().fsPath) && outcome.target.endsWith('learnings.json'), outcome.target);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, 'factory-learnings');
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /## Rules \(\d+\)/);
    assert.match(doc.getText(), /\| `rule-[0-9a-f]{8}` \| never use floating point for money \|/);
  });

  it('opens the dashboard, whose page answers the ready handshake and a ping', async () => {
    const factory = await api();
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.openDashboard');
    assert.equal(outcome.status, 'done');
    await factory.dashboard.whenReady(30000);
    const shown = await factory.dashboard.ping(10000);
    assert.equal(shown.phase, 'idle');
    assert.ok(shown.logLines >= 1, 'the page shows the log it was sent on ready');
  });

  it('factory.audit invoked with a folder Uri (as from the Explorer menu) reaches its handler with that folder, and checks the keys first', async () => {
    const factory = await api();
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'pkg');
    await vscode.workspace.fs.createDirectory(folder);
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.audit', folder);
    assert.equal(outcome.command, 'factory.audit');
    assert.equal(outcome.target, folder.fsPath);
    assert.equal(outcome.status, 'refused', outcome.detail);
    assert.match(outcome.detail, /The run cannot start, nothing was sent/);
    assert.doesNotMatch(outcome.detail, /roles\.twin/, 'an audit does not call the twin');
    assert.ok(factory.log.snapshot().some((e) => e.source === 'audit' && e.message.includes('The run cannot start')), 'logged');
  });

  it('the dashboard shows what the commands log, live', async () => {
    const factory = await api();
    await vscode.commands.executeCommand('factory.openDashboard');
    await factory.dashboard.whenReady(30000);
    const before = (await factory.dashboard.ping(10000)).logLines;
    await vscode.commands.executeCommand<CommandOutcome>('factory.cancel');
    const after = (await factory.dashboard.ping(10000)).logLines;
    assert.equal(after, before + 1);
  });

  it('factory.build without a key for a role every run calls refuses before anything is written or sent, saying how to set it', async () => {
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.build', 'a slugify library');
    assert.equal(outcome.status, 'refused', outcome.detail);
    assert.match(outcome.detail, /The run cannot start, nothing was sent/);
    assert.match(outcome.detail, /roles\.ceo: No API key for Anthropic .*run "Factory: Set API Key" and choose Anthropic/);
    assert.equal(existsSync(join(workspaceRoot().fsPath, '.factory')), false, 'no run folder');
  });

  it('factory.cancel with no run going says there is nothing to cancel', async () => {
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.cancel');
    assert.equal(outcome.status, 'idle');
    assert.match(outcome.detail, /No Factory run is in progress/);
  });

  it('with a budget, refuses to start a run while a model has no known price, naming it and providers.prices', async () => {
    const cfg = vscode.workspace.getConfiguration('factory');
    await cfg.update('roles.qc', { provider: 'openai', model: 'gpt-unreleased' }, vscode.ConfigurationTarget.Workspace);
    try {
      for (const [command, arg] of [['factory.build', 'x'], ['factory.update', 'x'], ['factory.audit', undefined], ['factory.resume', undefined]] as const) {
        const outcome = await vscode.commands.executeCommand<CommandOutcome>(command, arg);
        assert.equal(outcome.status, 'refused', `${command}: ${outcome.detail}`);
        assert.match(outcome.detail, /roles\.qc: openai:gpt-unreleased has no known price/);
        assert.match(outcome.detail, /"providers": \{ "prices": \{ "openai:gpt-unreleased": /);
      }
      // No budget (the user's choice, in user settings): the run may use a model whose cost it cannot count.
      await cfg.update('limits.budgetUsd', null, vscode.ConfigurationTarget.Global);
      const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.build', 'x');
      assert.equal(outcome.status, 'refused', outcome.detail);
      assert.doesNotMatch(outcome.detail, /no known price/);
      assert.match(outcome.detail, /No API key/, 'the run went on to its next check');
    } finally {
      await cfg.update('roles.qc', undefined, vscode.ConfigurationTarget.Workspace);
      await cfg.update('limits.budgetUsd', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses to start with settings where a model would review its own work, naming the setting', async () => {
    const cfg = vscode.workspace.getConfiguration('factory');
    const same = { provider: 'openai', model: 'gpt-5' };
    await cfg.update('roles.ceo', same, vscode.ConfigurationTarget.Workspace);
    await cfg.update('roles.qc', same, vscode.ConfigurationTarget.Workspace);
    try {
      const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.build', 'x');
      assert.equal(outcome.status, 'refused');
      assert.match(outcome.detail, /roles\.qc: qc reviews the work of ceo but both use openai:gpt-5/);
    } finally {
      await cfg.update('roles.ceo', undefined, vscode.ConfigurationTarget.Workspace);
      await cfg.update('roles.qc', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
