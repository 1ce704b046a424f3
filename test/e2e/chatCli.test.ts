// `factory chat --provider claude-code|codex|gemini-cli` as a user runs it: the BUILT cli in a child
// process, the coding CLI a fake executable (test/fakes/bin) printing that CLI's documented output.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { FAKE_CLI_BIN, FAKE_CLI_COMMAND, fakeCliCalls, fakeCliPaths, type FakeCliProvider } from '../fakes/cli/fakeCliFiles';
import { runCliProcess, type CliRun } from './cliProcess';

const CLIS: readonly [FakeCliProvider, string][] = [
  ['claude-code', 'sonnet'],
  ['codex', 'gpt-5-codex'],
  ['gemini-cli', 'gemini-2.5-pro'],
];

/** node for the fakes (Node scripts), and no coding CLI. */
const NODE_PATH = dirname(process.execPath);

function jsonLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('factory chat on a coding CLI (built bundle, fake executables)', () => {
  let dir: string;
  let config: string;
  let record: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'factory-chat-cli-'));
    mkdirSync(join(dir, 'ws'));
    record = join(dir, 'calls.jsonl');
    config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ providers: { cliPaths: fakeCliPaths() } }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const chat = (provider: string, model: string, extra: string[] = [], env: Record<string, string> = {}): Promise<CliRun> =>
    runCliProcess(['chat', '--provider', provider, '--model', model, ...extra, 'Say hello.'], {
      cwd: join(dir, 'ws'),
      env: { PATH: NODE_PATH, FAKE_CLI_RECORD: record, ANTHROPIC_API_KEY: 'sk-ant-not-for-the-cli', ...env },
    });

  for (const [provider, model] of CLIS) {
    it(`${provider}: the answer on stdout, one usage line with its tokens at $0 "subscription", exit 0`, async () => {
      const r = await chat(provider, model, ['--config', config]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `Hello from fake ${FAKE_CLI_COMMAND[provider]}.\n`);
      const [line, ...more] = jsonLines(r.stderr);
      assert.deepEqual(more, []);
      assert.deepEqual(
        { ...line, latencyMs: 0 },
        { type: 'usage', role: 'chat', provider, model, input: 120, output: 30, cached: 20, cacheWrite: 0, costUsd: 0, price: 'subscription', stopReason: 'stop', latencyMs: 0, attempts: 1 },
      );
      const [call] = fakeCliCalls(record);
      assert.ok(call?.stdin.includes('Say hello.'));
      assert.ok(!call.argv.some((a) => a.includes('Say hello')), 'the prompt is not in argv');
      assert.equal(call.env.ANTHROPIC_API_KEY, undefined);
    });
  }

  it('finds the CLI on PATH by its usual name when no cliPaths is set', async () => {
    const r = await chat('codex', 'default', [], { PATH: `${FAKE_CLI_BIN}${delimiter}${NODE_PATH}` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hello from fake codex.\n');
  });

  it('an executable not found is a configuration error (exit 2): it names the CLI, how to install it and the cliPaths setting', async () => {
    const r = await chat('claude-code', 'sonnet');
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^factory: Claude Code cannot be used for role chat \(model sonnet\): the executable `claude` was not found on PATH\. Install it with `npm install -g @anthropic-ai\/claude-code`/m);
    assert.match(r.stderr, /cliPaths/);
  });

  it('logged out: exit 1 with the CLI\'s own message and how to log in', async () => {
    const r = await chat('codex', 'gpt-5-codex', ['--config', config], { FAKE_CLI_MODE: 'auth' });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^factory: Codex refused access for role chat \(model gpt-5-codex\): unexpected status 401 Unauthorized: .*\. To log in: run `codex login` in a terminal/m);
    assert.doesNotMatch(r.stderr, /Check the key/);
  });

  it('a crash is retried, and said so; the retry answers', async () => {
    const r = await chat('gemini-cli', 'gemini-2.5-pro', ['--config', config], { FAKE_CLI_MODE: 'crash,success' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /factory: Gemini CLI had a server error answering role chat \(model gemini-2\.5-pro\): gemini crashed \(signal SIGABRT\).*Retrying in/);
    assert.equal(jsonLines(r.stderr)[0]?.['attempts'], 2);
  });

  it("a workspace's config may not name the executable (exit 2, nothing run)", async () => {
    mkdirSync(join(dir, 'ws', '.factory'));
    const wsConfig = join(dir, 'ws', '.factory', 'config.json');
    writeFileSync(wsConfig, JSON.stringify({ providers: { cliPaths: { 'claude-code': fakeCliPaths()['claude-code'] } } }));
    const r = await chat('claude-code', 'sonnet');
    assert.equal(r.code, 2, r.stderr);
    assert.ok(r.stderr.includes(`${wsConfig} names executables for Factory to run`), r.stderr);
    assert.deepEqual(fakeCliCalls(record), []);
  });

  it('factory build with a role on a CLI that is not installed refuses to start (exit 2), naming the role', async () => {
    writeFileSync(config, JSON.stringify({ roles: { qc: { provider: 'gemini-cli', model: 'gemini-2.5-pro' } } }));
    const r = await runCliProcess(['build', 'a slugify library', '--config', config], { cwd: join(dir, 'ws'), env: { PATH: NODE_PATH, ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k', GEMINI_API_KEY: 'k' } });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /the run cannot start, nothing was sent:\n {2}roles\.qc: Gemini CLI cannot be used for role qc \(model gemini-2\.5-pro\): the executable `gemini` was not found on PATH/);
  });
});
