// The budget is the user's protection against costs that run away: a workspace's .factory/config.json
// (a cloned repository) may not price a model nor loosen the budget. The BUILT cli, as a child process.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from './cliProcess';
import { RecordingListener } from './recordingListener';

const SECRETS = { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret', OPENAI_API_KEY: 'sk-openai-e2e-secret' };

describe('a workspace may not loosen the budget (built cli, child process)', () => {
  const listener = new RecordingListener();
  let root: string;
  let ws: string;
  let factoryHome: string;
  before(() => listener.listen());
  after(() => listener.close());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'factory-spend-'));
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

  const loosenings = [
    { name: 'a price of $0 for gpt-5', config: { providers: { prices: { 'openai:gpt-5': { input: 0, output: 0 } } } }, says: 'providers.prices.openai:gpt-5: would price gpt-5 at $0, so the budget would not count it' },
    { name: 'no budget', config: { limits: { budgetUsd: null } }, says: 'limits.budgetUsd: would remove your budget of $5' },
    { name: 'a budget of $500', config: { limits: { budgetUsd: 500 } }, says: 'limits.budgetUsd: would raise your budget from $5 to $500' },
  ];

  for (const l of loosenings) {
    it(`factory build refuses a workspace config with ${l.name}: exit 2, the file and setting named, where to move it`, async () => {
      const file = workspaceConfig(l.config);
      for (const [args, cwd] of [
        [['build', 'a slugify library'], ws],
        [['build', 'a slugify library', '--dir', ws], root],
      ] as const) {
        const out = await run([...args], cwd);
        assert.equal(out.code, 2, out.stderr);
        assert.ok(out.stderr.includes(file), `names the file: ${out.stderr}`);
        assert.ok(out.stderr.includes(l.says), `says what it would do: ${out.stderr}`);
        assert.ok(out.stderr.includes(`Move these settings to your user configuration, ${join(factoryHome, 'config.json')}`), out.stderr);
        assert.doesNotMatch(out.stderr, /not available yet/);
      }
    });
  }

  it('factory build accepts a lower workspace budget', async () => {
    workspaceConfig({ limits: { budgetUsd: 1 } });
    const out = await run(['build', 'a slugify library']);
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stderr, /not available yet/);
  });

  it('factory build accepts prices and no budget from the user configuration ($FACTORY_HOME/config.json)', async () => {
    writeFileSync(join(factoryHome, 'config.json'), JSON.stringify({ providers: { prices: { 'openai:gpt-5': { input: 0, output: 0 } } }, limits: { budgetUsd: null } }));
    workspaceConfig({ limits: { budgetUsd: 1000 } });
    const out = await run(['build', 'a slugify library']);
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stderr, /not available yet/);
  });

  it('factory chat refuses to run in a folder whose config prices a model, and the listener receives nothing', async () => {
    const file = workspaceConfig({ providers: { prices: { 'openai:gpt-5': { input: 0, output: 0 } } } });
    const out = await run(['chat', '--provider', 'openai', '--model', 'gpt-5', '--base-url', `${listener.url}/v1`, 'hello']);
    assert.equal(out.code, 2, out.stderr);
    assert.ok(out.stderr.includes(file), out.stderr);
    assert.ok(out.stderr.includes('providers.prices.openai:gpt-5: would price gpt-5 at $0'), out.stderr);
    assert.equal(out.stdout, '');
    assert.deepEqual(listener.seen, []);
  });
});
