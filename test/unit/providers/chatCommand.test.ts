// `factory chat` in-process: argument checks, and the same gateway path the e2e test runs built.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/program';
import { FakeLlm } from '../../fakes/fakeLlm';

describe('factory chat (in-process)', () => {
  const fake = new FakeLlm();
  let dir: string;
  before(async () => {
    await fake.listen();
    dir = mkdtempSync(join(tmpdir(), 'factory-chat-unit-'));
  });
  afterEach(() => fake.reset());
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(args: string[], env: Record<string, string> = {}) {
    let out = '';
    let err = '';
    const code = await runCli(['chat', ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir, env });
    return { code, out, err };
  }

  it('refuses a bad --base-url, an unknown role and vscode-lm as usage errors, sending nothing', async () => {
    for (const args of [
      ['--provider', 'ollama', '--model', 'm', '--base-url', 'not a url', 'hi'],
      ['--provider', 'ollama', '--model', 'm', '--role', 'boss', 'hi'],
      ['--provider', 'vscode-lm', '--model', 'm', 'hi'],
      ['--provider', 'openai', '--model', 'm', '--api-key-env', 'not-a-name', 'hi'],
    ]) {
      const r = await cli(args);
      assert.equal(r.code, EXIT.usage, `${args.join(' ')}: ${r.err}`);
    }
    assert.equal(fake.requests().length, 0);
  });

  it("applies the price overrides of the user's configuration (a workspace may set none)", async () => {
    const home = join(dir, 'factory-home');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'config.json'), JSON.stringify({ providers: { prices: { 'llama-x': { input: 1000, output: 1000 } } } }));
    try {
      fake.script({ text: 'priced', usage: { input: 10, output: 5 } });
      const r = await cli(['--provider', 'ollama', '--model', 'llama-x', '--base-url', fake.url, 'hi'], { FACTORY_HOME: home });
      assert.equal(r.code, EXIT.ok, r.err);
      assert.equal(r.out, 'priced\n');
      const usage = JSON.parse(r.err.trim()) as { costUsd: number; price: string };
      assert.equal(usage.price, 'settings');
      assert.ok(Math.abs(usage.costUsd - 0.015) < 1e-12);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('calls a model of unknown price (chat has no run budget) and says "price unknown", even for a local proxy', async () => {
    mkdirSync(join(dir, '.factory'), { recursive: true });
    writeFileSync(join(dir, '.factory', 'config.json'), JSON.stringify({ limits: { budgetUsd: 5 } }));
    try {
      fake.script({ text: 'answered', usage: { input: 10, output: 5 } });
      // An OpenAI-compatible endpoint on this machine that is no keyless preset: it may be a proxy to a paid API.
      const r = await cli(['--provider', 'openai-compatible', '--model', 'claude-via-proxy', '--base-url', `${fake.url}/v1`, 'hi']);
      assert.equal(r.code, EXIT.ok, r.err);
      const usage = JSON.parse(r.err.trim()) as { costUsd: number | null; price: string };
      assert.deepEqual([usage.price, usage.costUsd], ['price unknown', null]);
    } finally {
      rmSync(join(dir, '.factory'), { recursive: true, force: true });
    }
  });

  it('the usage line shows the tokens of attempts that failed after reporting them; a call with no answer still says so', async () => {
    const usage = { input: 1000, output: 50 };
    // OpenAI chat frames: role, 3 chunks, finish, usage, [DONE]: cut before [DONE], after the counts.
    fake.script({ text: 'one two three', usage, cutAfter: 6 }, { text: 'one two three', usage });
    const args = ['--provider', 'openai-compatible', '--model', 'm', '--base-url', `${fake.url}/v1`, 'hi'];
    const ok = await cli(args);
    assert.equal(ok.code, EXIT.ok, ok.err);
    const line = JSON.parse(ok.err.split('\n').find((l) => l.startsWith('{')) ?? '{}') as { input: number; failedAttempts?: { failure: string; input: number; output: number }[] };
    assert.equal(line.input, 1000);
    assert.deepEqual(line.failedAttempts?.map((a) => [a.failure, a.input, a.output]), [['network', 1000, 50]]);

    fake.script({ text: 'one two three', usage, cutAfter: 6 }, { status: 400, error: 'bad request' });
    const failed = await cli(args);
    assert.equal(failed.code, EXIT.notShipped);
    const spent = JSON.parse(failed.err.split('\n').find((l) => l.startsWith('{')) ?? '{}') as { answered?: boolean; failedAttempts?: unknown[] };
    assert.equal(spent.answered, false);
    assert.equal(spent.failedAttempts?.length, 1);
  });

  it('a failure exits 1 with the explanation and no usage line', async () => {
    fake.script({ status: 404, error: 'model "nope" not found' });
    const r = await cli(['--provider', 'ollama', '--model', 'nope', '--base-url', fake.url, 'hi']);
    assert.equal(r.code, EXIT.notShipped);
    assert.equal(r.err, 'factory: Ollama does not know model "nope" for role chat (404; model nope); check the model name and the base URL: model "nope" not found\n');
  });

  it('a missing key or a model the CLI cannot call is a configuration error (exit 2), and nothing is sent', async () => {
    for (const args of [
      ['--provider', 'anthropic', '--model', 'claude-x', '--base-url', fake.url, 'hi'],
      ['--provider', 'openai-compatible', '--model', 'kimi-k2', 'hi'],
    ]) {
      const r = await cli(args);
      assert.equal(r.code, EXIT.usage, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^factory: (No API key for Anthropic .*Nothing was sent\.|Role chat uses an OpenAI-compatible model \(kimi-k2\) but gives no baseUrl)/);
    }
    assert.equal(fake.requests().length, 0);
  });
});
