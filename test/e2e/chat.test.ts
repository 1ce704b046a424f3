// `factory chat` as a user runs it: the BUILT cli (dist/cli.js, SDKs in dist/sdk/ loaded on first use)
// in a child process, against the fake server in this process, once per wire protocol.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeLlm } from '../fakes/fakeLlm';
import type { ProtocolName } from '../fakes/protocols';
import { runCliProcess, type CliRun } from './cliProcess';

interface Case {
  readonly protocol: ProtocolName;
  readonly provider: string;
  readonly model: string;
  readonly v1: boolean;
  readonly env: Record<string, string>;
  readonly reportsCached: boolean;
}

const CASES: readonly Case[] = [
  { protocol: 'anthropic', provider: 'anthropic', model: 'claude-e2e', v1: false, env: { ANTHROPIC_API_KEY: 'e2e-key' }, reportsCached: true },
  { protocol: 'openai-chat', provider: 'openai', model: 'gpt-e2e', v1: true, env: { OPENAI_API_KEY: 'e2e-key' }, reportsCached: true },
  { protocol: 'openai-responses', provider: 'openai', model: 'o3-pro', v1: true, env: { OPENAI_API_KEY: 'e2e-key' }, reportsCached: true },
  { protocol: 'openai-chat', provider: 'openai-compatible', model: 'kimi-e2e', v1: true, env: {}, reportsCached: true },
  { protocol: 'gemini', provider: 'google', model: 'gemini-e2e', v1: false, env: { GEMINI_API_KEY: 'e2e-key' }, reportsCached: true },
  { protocol: 'ollama', provider: 'ollama', model: 'llama-e2e', v1: false, env: {}, reportsCached: false },
];

/** Standard error's JSON lines (the usage line), and the rest. */
function jsonLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('factory chat (built bundle, child process, fake server)', () => {
  const fake = new FakeLlm();
  let dir: string;
  before(async () => {
    await fake.listen();
    dir = mkdtempSync(join(tmpdir(), 'factory-chat-'));
  });
  afterEach(() => fake.reset());
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const chat = (c: Case, extra: string[] = [], env: Record<string, string> = c.env, nodeArgs: string[] = []): Promise<CliRun> =>
    runCliProcess(['chat', '--provider', c.provider, '--model', c.model, '--base-url', c.v1 ? `${fake.url}/v1` : fake.url, ...extra, 'Say hello.'], {
      cwd: dir,
      env,
      nodeArgs,
    });

  for (const c of CASES) {
    it(`${c.provider} (${c.protocol}): streams the reply to stdout, one JSON usage line to stderr, exit 0`, async () => {
      fake.script({ chunks: ['Hello ', 'from ', 'the fake.'], usage: { input: 12, output: 3, cached: 4 } });
      const r = await chat(c, ['--role', 'qc']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'Hello from the fake.\n');
      const lines = jsonLines(r.stderr);
      assert.equal(lines.length, 1, r.stderr);
      assert.deepEqual(
        { ...lines[0], latencyMs: 0 },
        {
          type: 'usage',
          role: 'qc',
          provider: c.provider,
          model: c.model,
          input: 12,
          output: 3,
          cached: c.reportsCached ? 4 : 0,
          cacheWrite: 0,
          // Ollama on this machine is free; an OpenAI-compatible endpoint here may be a proxy to a paid API.
          ...(c.provider === 'ollama'
            ? { costUsd: 0, price: 'local' }
            : c.model === 'o3-pro'
              ? { costUsd: lines[0]?.['costUsd'], price: 'table' } // checked below
              : { costUsd: null, price: 'price unknown' }),
          stopReason: 'stop',
          latencyMs: 0,
          attempts: 1,
        },
      );
      // o3-pro at $20/$80 per million, no cache discount: 12 * 20 + 3 * 80 micro-dollars.
      if (c.model === 'o3-pro') assert.ok(Math.abs(Number(lines[0]?.['costUsd']) - 0.00048) < 1e-12);
      const reqs = fake.requests();
      assert.equal(reqs.length, 1);
      assert.equal(reqs[0]?.protocol, c.protocol);
      assert.equal(reqs[0]?.stream, true);
    });
  }

  it('retries a 429 once and says so on stderr, still one JSON line', async () => {
    const c = CASES[1] as Case;
    fake.script({ status: 429, headers: { 'retry-after': '0' }, error: 'slow down' }, 'after the wait');
    const r = await chat(c);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'after the wait\n');
    assert.match(r.stderr, /OpenAI is rate-limiting role chat \(429; model gpt-e2e\): slow down\. Retrying in 0\.0 s\./);
    assert.equal(jsonLines(r.stderr)[0]?.['attempts'], 2);
    assert.equal(fake.requests().length, 2);
  });

  it('a 401 exits 1 at once with the explanation', async () => {
    const c = CASES[0] as Case;
    fake.script({ status: 401, error: 'invalid x-api-key' });
    const r = await chat(c, ['--role', 'qc']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^factory: Anthropic rejected the key for role qc \(401; model claude-e2e\): invalid x-api-key\. Check the key: set the environment variable ANTHROPIC_API_KEY/m);
    assert.deepEqual(jsonLines(r.stderr), []);
    assert.equal(fake.requests().length, 1);
  });

  it('a missing key is a configuration error (exit 2) naming the variable, before any request', async () => {
    for (const [c, variable] of [
      [CASES[0], 'ANTHROPIC_API_KEY'],
      [CASES[1], 'OPENAI_API_KEY'],
      [CASES[4], 'GEMINI_API_KEY'],
    ] as const) {
      const r = await chat(c as Case, [], {});
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`No API key for .* \\(role chat, model ${(c as Case).model}\\): set the environment variable ${variable}`));
    }
    const r = await chat(CASES[0] as Case, ['--api-key-env', 'MY_ANTHROPIC_KEY'], { ANTHROPIC_API_KEY: 'not this one' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /set the environment variable MY_ANTHROPIC_KEY/);
    assert.equal(fake.requests().length, 0);
  });

  it('loads only the SDK of the provider it calls, and the price database, from dist/sdk', async () => {
    const hook = join(dir, 'record-modules.js');
    const record = join(dir, 'modules.json');
    writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));`);
    fake.script('hi');
    const r = await chat(CASES[5] as Case, [], {}, ['--require', hook]);
    assert.equal(r.code, 0, r.stderr);
    const loaded = (JSON.parse(readFileSync(record, 'utf8')) as string[]).filter((f) => f.includes(join('dist', 'sdk')));
    assert.deepEqual(loaded.map((f) => f.slice(f.lastIndexOf(join('dist', 'sdk')))).sort(), [join('dist', 'sdk', 'ollama.js'), join('dist', 'sdk', 'prices.js')]);
  });
});
