// The budget is the user's protection against costs that run away: a workspace's .factory/config.json
// (a cloned repository) may not price a model nor loosen the budget. The BUILT cli, as a child process.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkspaceSandbox } from './workspaceSandbox';

const SECRETS = { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret', OPENAI_API_KEY: 'sk-openai-e2e-secret' };

describe('a workspace may not loosen the budget (built cli, child process)', () => {
  const s = useWorkspaceSandbox('factory-spend-', SECRETS);
  const { listener } = s;

  const loosenings = [
    { name: 'a price of $0 for gpt-5', config: { providers: { prices: { 'openai:gpt-5': { input: 0, output: 0 } } } }, says: 'providers.prices.openai:gpt-5: would price gpt-5 at $0, so the budget would not count it' },
    { name: 'no budget', config: { limits: { budgetUsd: null } }, says: 'limits.budgetUsd: would remove your budget of $5' },
    { name: 'a budget of $500', config: { limits: { budgetUsd: 500 } }, says: 'limits.budgetUsd: would raise your budget from $5 to $500' },
  ];

  for (const l of loosenings) {
    it(`factory build refuses a workspace config with ${l.name}: exit 2, the file and setting named, where to move it`, async () => {
      const file = s.workspaceConfig(l.config);
      for (const [args, cwd] of [
        [['build', 'a slugify library'], s.ws],
        [['build', 'a slugify library', '--dir', s.ws], s.root],
      ] as const) {
        const out = await s.run([...args], cwd);
        assert.equal(out.code, 2, out.stderr);
        assert.ok(out.stderr.includes(file), `names the file: ${out.stderr}`);
        assert.ok(out.stderr.includes(l.says), `says what it would do: ${out.stderr}`);
        assert.ok(out.stderr.includes(`Move these settings to your user configuration, ${join(s.factoryHome, 'config.json')}`), out.stderr);
        assert.doesNotMatch(out.stderr, /No API key/);
      }
    });
  }

  it('factory build accepts a lower workspace budget', async () => {
    s.workspaceConfig({ limits: { budgetUsd: 1 } });
    const out = await s.run(['build', 'a slugify library']);
    // Accepted: the next check, keys, is what stops it (the default ceo has none here).
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, /the run cannot start, nothing was sent:\n {2}roles\.\w+: No API key for /);
    assert.doesNotMatch(out.stderr, /Move these settings|would loosen/);
  });

  it('factory build accepts prices and no budget from the user configuration ($FACTORY_HOME/config.json)', async () => {
    writeFileSync(join(s.factoryHome, 'config.json'), JSON.stringify({ providers: { prices: { 'openai:gpt-5': { input: 0, output: 0 } } }, limits: { budgetUsd: null } }));
    s.workspaceConfig({ limits: { budgetUsd: 1000 } });
    const out = await s.run(['build', 'a slugify library']);
    // Accepted: the next check, keys, is what stops it (the default ceo has none here).
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, /the run cannot start, nothing was sent:\n {2}roles\.\w+: No API key for /);
    assert.doesNotMatch(out.stderr, /Move these settings|would loosen/);
  });

  it('factory chat refuses to run in a folder whose config prices a model, and the listener receives nothing', async () => {
    const file = s.workspaceConfig({ providers: { prices: { 'openai:gpt-5': { input: 0, output: 0 } } } });
    const out = await s.run(['chat', '--provider', 'openai', '--model', 'gpt-5', '--base-url', `${listener.url}/v1`, 'hello']);
    assert.equal(out.code, 2, out.stderr);
    assert.ok(out.stderr.includes(file), out.stderr);
    assert.ok(out.stderr.includes('providers.prices.openai:gpt-5: would price gpt-5 at $0'), out.stderr);
    assert.equal(out.stdout, '');
    assert.deepEqual(listener.seen, []);
  });
});
