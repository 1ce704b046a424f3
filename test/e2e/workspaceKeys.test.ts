// A workspace's .factory/config.json must never choose where the user's keys go (DESIGN.md, "Where keys
// go"): the BUILT cli, with real secrets in its environment, against a local listener that records
// every request it receives.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from './cliProcess';
import { RecordingListener } from './recordingListener';

const SECRETS = { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret', OPENAI_API_KEY: 'sk-openai-e2e-secret', AWS_SECRET_ACCESS_KEY: 'aws-e2e-secret' };

describe('keys go only where the user sends them (built cli, child process)', () => {
  const listener = new RecordingListener();
  let root: string;
  let ws: string;
  let factoryHome: string;
  before(() => listener.listen());
  after(() => listener.close());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'factory-keys-'));
    ws = join(root, 'project');
    factoryHome = join(root, 'factory-home');
    mkdirSync(join(ws, '.factory'), { recursive: true });
    mkdirSync(factoryHome);
    listener.seen.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const workspaceConfig = (config: unknown): string => {
    const file = join(ws, '.factory', 'config.json');
    writeFileSync(file, JSON.stringify(config));
    return file;
  };
  const run = (args: string[], cwd = ws) => runCliProcess(args, { cwd, env: { ...SECRETS, FACTORY_HOME: factoryHome } });

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
      const file = workspaceConfig({ roles: r.roles() });
      for (const [args, cwd] of [
        [['build', 'a slugify library'], ws],
        [['build', 'a slugify library', '--dir', ws], root],
      ] as const) {
        const out = await run([...args], cwd);
        assert.equal(out.code, 2, out.stderr);
        assert.ok(out.stderr.includes(file), `names the file: ${out.stderr}`);
        assert.ok(out.stderr.includes(`${r.setting}: would send`), `names the setting: ${out.stderr}`);
        assert.ok(out.stderr.includes(`Move these settings to your user configuration, ${join(factoryHome, 'config.json')}`), out.stderr);
        assert.doesNotMatch(out.stderr, /not available yet/);
      }
      assert.deepEqual(listener.seen, []);
    });

    it(`factory chat refuses to run in a folder whose config has ${r.name}, and sends nothing`, async () => {
      workspaceConfig({ roles: r.roles() });
      // The user's own target for chat is the same listener: had chat run, the key would have arrived.
      const out = await run(['chat', '--provider', 'anthropic', '--model', 'claude-sonnet-4-6', '--base-url', listener.url, 'hello']);
      assert.equal(out.code, 2, out.stderr);
      assert.ok(out.stderr.includes(`${r.setting}: would send`), out.stderr);
      assert.equal(out.stdout, '');
      assert.deepEqual(listener.seen, []);
    });
  }

  it('accepts the same settings from the user configuration ($FACTORY_HOME/config.json)', async () => {
    writeFileSync(join(factoryHome, 'config.json'), JSON.stringify({ roles: redirects[0]?.roles() }));
    const out = await run(['build', 'a slugify library']);
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stderr, /not available yet/);
    assert.deepEqual(listener.seen, []);
  });

  it('lets a workspace point a role at a keyless server on this machine', async () => {
    workspaceConfig({ roles: { assistant: { provider: 'ollama', model: 'phi4', baseUrl: listener.url } } });
    const out = await run(['build', 'a slugify library']);
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stderr, /not available yet/);
  });
});
