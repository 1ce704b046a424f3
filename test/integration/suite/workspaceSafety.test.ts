import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readSettings } from '../../../src/vscode/settings';
import type { CommandOutcome } from '../../../src/vscode/outcome';

// A workspace's settings (a cloned repository's .vscode/settings.json), in a trusted workspace too,
// may not switch off a safety rule: factory.allowSelfReview counts only from User settings.
describe('safety settings from workspace settings', () => {
  const cfg = () => vscode.workspace.getConfiguration('factory');
  const Workspace = vscode.ConfigurationTarget.Workspace;
  const Global = vscode.ConfigurationTarget.Global;
  const build = () => vscode.commands.executeCommand<CommandOutcome>('factory.build', 'a slugify library');
  const selfReview = { provider: 'openai', model: 'gpt-5' };

  afterEach(async () => {
    for (const target of [Workspace, Global]) {
      await cfg().update('allowSelfReview', undefined, target);
      await cfg().update('roles.ceo', undefined, target);
    }
  });

  it('a workspace allowSelfReview: true makes Build refuse, naming the setting and where to set it', async () => {
    await cfg().update('roles.ceo', selfReview, Workspace);
    await cfg().update('allowSelfReview', true, Workspace);
    const s = readSettings();
    assert.ok(!s.ok, 'refused');
    assert.ok(s.problems.some((p) => p.path === 'factory.allowSelfReview' && /would let a model review its own work/.test(p.message)), JSON.stringify(s.problems));
    const outcome = await build();
    assert.equal(outcome.status, 'refused', outcome.detail);
    assert.match(outcome.detail, /factory\.allowSelfReview: would let a model review its own work/);
    assert.match(outcome.detail, /User settings/);
  });

  it('the same setting in User settings is used', async () => {
    await cfg().update('roles.ceo', selfReview, Workspace);
    await cfg().update('allowSelfReview', true, Global);
    const s = readSettings();
    assert.ok(s.ok, JSON.stringify(s));
    assert.equal(s.config.allowSelfReview, true);
  });
});
