import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readSettings } from '../../../src/vscode/settings';
import type { CommandOutcome } from '../../../src/vscode/outcome';

// The budget is the user's protection against costs that run away. Workspace settings (a cloned
// repository's .vscode/settings.json), in a trusted workspace too, may not set factory.providers.prices
// and may set factory.limits.budgetUsd only lower than the user's budget.
describe('spending settings from workspace settings', () => {
  const cfg = () => vscode.workspace.getConfiguration('factory');
  const Workspace = vscode.ConfigurationTarget.Workspace;
  const Global = vscode.ConfigurationTarget.Global;
  const build = () => vscode.commands.executeCommand<CommandOutcome>('factory.build', 'a slugify library');

  afterEach(async () => {
    for (const target of [Workspace, Global]) {
      await cfg().update('limits.budgetUsd', undefined, target);
      await cfg().update('providers.prices', undefined, target);
    }
  });

  it('a workspace budget of null makes Build refuse, naming the setting and where to set it', async () => {
    await cfg().update('limits.budgetUsd', null, Workspace);
    const outcome = await build();
    assert.equal(outcome.status, 'refused', outcome.detail);
    assert.match(outcome.detail, /factory\.limits\.budgetUsd: would remove your budget of \$5/);
    assert.match(outcome.detail, /User settings/);
  });

  it('a workspace budget above the user budget is refused; a lower one is used', async () => {
    await cfg().update('limits.budgetUsd', 500, Workspace);
    const raised = await build();
    assert.equal(raised.status, 'refused', raised.detail);
    assert.match(raised.detail, /factory\.limits\.budgetUsd: would raise your budget from \$5 to \$500/);
    await cfg().update('limits.budgetUsd', 1, Workspace);
    const lowered = readSettings();
    assert.ok(lowered.ok, JSON.stringify(lowered));
    assert.equal(lowered.config.limits.budgetUsd, 1);
    const next = await build();
    assert.equal(next.status, 'refused', next.detail);
    assert.doesNotMatch(next.detail, /budgetUsd/);
    assert.match(next.detail, /No API key/, 'the run goes on to its next check');
  });

  it('a workspace price is refused, naming the model; the same price in user settings is used', async () => {
    const free = { 'openai:gpt-5': { input: 0, output: 0 } };
    await cfg().update('providers.prices', free, Workspace);
    const refused = readSettings();
    assert.ok(!refused.ok, 'refused');
    assert.deepEqual(
      refused.problems.map((p) => p.path),
      ['factory.providers.prices.openai:gpt-5'],
    );
    assert.match(refused.problems[0]?.message ?? '', /would price gpt-5 at \$0, so the budget would not count it/);
    assert.equal((await build()).status, 'refused');
    await cfg().update('providers.prices', undefined, Workspace);
    await cfg().update('providers.prices', free, Global);
    const own = readSettings();
    assert.ok(own.ok, JSON.stringify(own));
    assert.deepEqual(own.config.providers.prices['openai:gpt-5'], { input: 0, output: 0 });
  });

  it('with no budget in user settings, any workspace budget is a tightening', async () => {
    await cfg().update('limits.budgetUsd', null, Global);
    await cfg().update('limits.budgetUsd', 1000, Workspace);
    const s = readSettings();
    assert.ok(s.ok, JSON.stringify(s));
    assert.equal(s.config.limits.budgetUsd, 1000);
  });
});
