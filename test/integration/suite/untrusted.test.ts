import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FactoryApi } from '../../../src/vscode/extension';
import type { CommandOutcome } from '../../../src/vscode/outcome';

// Runs in a host whose folder is NOT trusted (FACTORY_TEST_MODE=untrusted).
describe('Factory in an untrusted workspace', () => {
  let factory: FactoryApi;
  before(async () => {
    const ext = vscode.extensions.getExtension<FactoryApi>('factory-dev.factory');
    assert.ok(ext, 'the extension loads in restricted mode (untrustedWorkspaces: limited)');
    factory = await ext.activate();
  });

  it('the host really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  for (const [command, arg] of [
    ['factory.build', 'a slugify library'],
    ['factory.update', 'add a CLI'],
    ['factory.audit', undefined],
    ['factory.resume', undefined],
  ] as const) {
    it(`${command} runs nothing and says why`, async () => {
      const outcome = await vscode.commands.executeCommand<CommandOutcome>(command, arg);
      assert.equal(outcome.status, 'refused');
      assert.match(outcome.detail, /does not run in an untrusted workspace/);
      assert.match(outcome.detail, /Trust this workspace/);
      // The notification says it first, as information (nothing is broken), with the way to trust.
      const notice = factory.testing?.notices().at(-1);
      if (notice) {
        assert.equal(notice.level, 'info');
        assert.match(notice.text, /^\w+ not run: this workspace is not trusted/);
      }
    });
  }

  it('Build and Resume (with a run id too) start no run: no run folder is written, nothing is running to cancel', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root);
    for (const [command, arg] of [['factory.build', 'a slugify library'], ['factory.resume', '20250101-000000-abcd']] as const) {
      const outcome = await vscode.commands.executeCommand<CommandOutcome>(command, arg);
      assert.equal(outcome.status, 'refused', `${command}: ${outcome.detail}`);
      assert.equal(outcome.run, undefined);
    }
    assert.equal(existsSync(join(root, '.factory')), false, 'no run folder in an untrusted workspace');
    assert.equal((await vscode.commands.executeCommand<CommandOutcome>('factory.cancel')).status, 'idle');
  });

  it('the dashboard still opens, and the log says why nothing runs', async () => {
    await vscode.commands.executeCommand('factory.openDashboard');
    await factory.dashboard.whenReady(30000);
    assert.ok((await factory.dashboard.ping(10000)).logLines >= 1);
    assert.ok(factory.log.snapshot().some((e) => /untrusted workspace: nothing will run/.test(e.message)));
  });
});
