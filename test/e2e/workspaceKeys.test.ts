// A workspace's .factory/config.json must never choose where the user's keys go (DESIGN.md, "Where keys
// go"): the BUILT cli, with real secrets in its environment, against a local listener that records
// every request it receives.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkspaceSandbox } from './workspaceSandbox';

const SECRETS = { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret', OPENAI_API_KEY: 'sk-openai-e2e-secret', AWS_SECRET_ACCESS_KEY: 'aws-e2e-secret' };

describe('keys go only where the user sends them (built cli, child process)', () => {
  const s = useWorkspaceSandbox('factory-keys-', SECRETS);
  const { listener } = s;

  const redirects = [
    { name: 'a baseUrl for anthropic', setting: 'roles.ceo.baseUrl', roles: () => ({ ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6', baseUrl: listener.url } }) },
    {
      name: 'an apiKeyEnv naming another secret, on a local endpoint',
      setting: 'roles.qc.apiKeyEnv',
      roles: () => ({ qc: { provider: 'openai-compatible', model: 'm', baseUrl: `${listener.url}/v1`, apiKeyEnv: 'AWS_SECRET_ACCESS_KEY' } }),
    },
    {
      name: 'a baseUrl for openai in a fallback',
      setting: 'roles.twin.fallbacks.0.baseUrl',
      roles: () => ({ twin: { provider: 'openai', model: 'o3', fallbacks: [{ provider: 'openai', model: 'gpt-5', baseUrl: `${listener.url}/v1` }] } }),
    },
  ];

  for (const r of redirects) {
    it(`factory build refuses a workspace config with ${r.name}: exit 2, the setting named, nothing sent`, async () => {
      const file = s.workspaceConfig({ roles: r.roles() });
      for (const [args, cwd] of [
        [['build', 'a slugify library'], s.ws],
        [['build', 'a slugify library', '--dir', s.ws], s.root],
      ] as const) {
        const out = await s.run([...args], cwd);
        assert.equal(out.code, 2, out.stderr);
        assert.ok(out.stderr.includes(file), `names the file: ${out.stderr}`);
        assert.ok(out.stderr.includes(`${r.setting}: would send`), `names the setting: ${out.stderr}`);
        assert.ok(out.stderr.includes(`Move these settings to your user configuration, ${join(s.factoryHome, 'config.json')}`), out.stderr);
        assert.doesNotMatch(out.stderr, /No API key/);
      }
      assert.deepEqual(listener.seen, []);
    });

    it(`factory chat refuses to run in a folder whose config has ${r.name}, and sends nothing`, async () => {
      s.workspaceConfig({ roles: r.roles() });
      // The user's own target for chat is the same listener: had chat run, the key would have arrived.
      const out = await s.run(['chat', '--provider', 'anthropic', '--model', 'claude-sonnet-4-6', '--base-url', listener.url, 'hello']);
      assert.equal(out.code, 2, out.stderr);
      assert.ok(out.stderr.includes(`${r.setting}: would send`), out.stderr);
      assert.equal(out.stdout, '');
      assert.deepEqual(listener.seen, []);
    });
  }

  it('accepts the same settings from the user configuration ($FACTORY_HOME/config.json)', async () => {
    writeFileSync(join(s.factoryHome, 'config.json'), JSON.stringify({ roles: redirects[0]?.roles() }));
    const out = await s.run(['build', 'a slugify library']);
    // Accepted: the next check, keys, is what stops it (the default ceo has none here).
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, /the run cannot start, nothing was sent:\n {2}roles\.\w+: No API key for /);
    assert.doesNotMatch(out.stderr, /Move these settings/);
    assert.deepEqual(listener.seen, []);
  });

  it('lets a workspace point a role at a keyless server on this machine', async () => {
    s.workspaceConfig({ roles: { assistant: { provider: 'ollama', model: 'phi4', baseUrl: listener.url } } });
    const out = await s.run(['build', 'a slugify library']);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, /the run cannot start, nothing was sent:\n {2}roles\.\w+: No API key for /);
    assert.doesNotMatch(out.stderr, /Move these settings/);
  });
});
