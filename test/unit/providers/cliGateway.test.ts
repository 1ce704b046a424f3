// The coding CLIs through the gateway, as real processes (the fake executables of test/fakes/bin):
// what they are given (argv, folder, environment, standard input) pins Factory's safety rules; the
// watchdog, cancellation, the one-at-a-time cap, usage and cost, and errors a user can act on.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { DEFAULT_ROLES } from '../../../src/core/config/defaults';
import type { ProviderId } from '../../../src/core/config/roles';
import type { ProviderSettings, RoleSettings } from '../../../src/core/config/schema';
import { envKeys } from '../../../src/core/providers/envKeys';
import { Gateway, type GatewayEvent, type GatewayOptions } from '../../../src/core/providers/gateway';
import type { ChatRequest } from '../../../src/core/providers/types';
import { FAKE_CLI_BIN, FAKE_CLI_COMMAND, fakeCliCalls, fakeCliPaths, type FakeCliProvider } from '../../fakes/cli/fakeCliFiles';
import { collect } from './harness';

/** A PATH with node (the fakes are Node scripts) and an empty folder: no coding CLI on it. */
const NODE_ONLY = (empty: string): string => `${empty}${delimiter}${dirname(process.execPath)}`;

const CLIS: readonly FakeCliProvider[] = ['claude-code', 'codex', 'gemini-cli'];

const SECRET_PROMPT = 'PROMPT-MARKER-7f3a: review the blueprint below.';
const SYSTEM = 'SYSTEM-MARKER-91c2: you are the QC.';
const REQUEST: ChatRequest = { system: SYSTEM, messages: [{ role: 'user', content: `DaC-Context: run=r1 role=ceo step=review expect=review task=-\n${SECRET_PROMPT}` }] };

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('coding CLIs through the gateway (fake executables)', function () {
  this.timeout(20000);
  let dir: string;
  let record: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'factory-cli-test-'));
    record = join(dir, 'calls.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The environment the gateway's host has: keys of every provider, a custom key variable, HOME. */
  const hostEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    HOME: '/home/someone',
    ANTHROPIC_API_KEY: 'sk-ant-secret',
    OPENAI_API_KEY: 'sk-openai-secret',
    GEMINI_API_KEY: 'gemini-secret',
    GOOGLE_API_KEY: 'google-secret',
    MOONSHOT_API_KEY: 'moonshot-secret',
    MY_LLM: 'custom-variable-secret',
    AWS_SECRET_ACCESS_KEY: 'aws-secret',
    GITHUB_TOKEN: 'gh-secret',
    CLAUDE_CODE_OAUTH_TOKEN: 'claude-subscription-token',
    FAKE_CLI_RECORD: record,
    ...extra,
  });

  function gateway(ceo: RoleSettings, opts: { env?: Record<string, string>; providers?: Partial<ProviderSettings>; extra?: Partial<GatewayOptions> } = {}) {
    const events: GatewayEvent[] = [];
    const g = new Gateway({
      // qc names MY_LLM as its key: a variable whatever its name, kept out of the CLI's environment.
      roles: { ...DEFAULT_ROLES, ceo, qc: { provider: 'openai-compatible', model: 'kimi', baseUrl: 'https://api.moonshot.ai/v1', apiKeyEnv: 'MY_LLM', fallbacks: [] } },
      keys: envKeys({}),
      providers: { idleTimeoutS: 5, maxConcurrent: 4, cliMaxConcurrent: 1, prices: {}, cliPaths: fakeCliPaths(), ...opts.providers },
      env: opts.env ?? hostEnv(),
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 },
      sleep: () => Promise.resolve(),
      onEvent: (e) => events.push(e),
      ...opts.extra,
    });
    return { g, events };
  }

  const role = (provider: ProviderId, model = 'm1', fallbacks: RoleSettings['fallbacks'] = []): RoleSettings => ({ provider, model, fallbacks });

  for (const cli of CLIS) {
    it(`${cli}: answers with text and usage; cost $0 from the subscription`, async () => {
      const { g } = gateway(role(cli));
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.record?.text, `Hello from fake ${FAKE_CLI_COMMAND[cli]}.`);
      assert.deepEqual(r.record?.usage, { input: 120, output: 30, cached: 20, cacheWrite: 0 });
      assert.equal(r.record?.usageReported, true);
      assert.deepEqual(r.record?.cost, { usd: 0, source: 'subscription' });
      assert.equal(r.record?.provider, cli);
      const deltas = r.events.filter((e) => e.type === 'delta').length;
      assert.equal(deltas, cli === 'claude-code' ? 3 : 1, 'Claude Code streams; the others give one delta at the end');
    });

    it(`${cli}: the prompt (system included) goes on standard input and never in argv; it runs in an empty temporary folder, removed afterwards`, async () => {
      const { g } = gateway(role(cli));
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error, undefined, r.error?.message);
      const [call] = fakeCliCalls(record);
      assert.ok(call);
      assert.ok(call.stdin.includes(SECRET_PROMPT) && call.stdin.includes(SYSTEM), call.stdin);
      assert.ok(call.stdin.indexOf(SYSTEM) < call.stdin.indexOf(SECRET_PROMPT), 'the system prompt comes first');
      for (const a of call.argv) assert.ok(!a.includes('MARKER'), `argv carries the prompt: ${JSON.stringify(call.argv)}`);
      assert.notEqual(call.cwd, process.cwd());
      assert.ok(call.cwd.startsWith(tmpdir()), call.cwd);
      assert.deepEqual(call.cwdEntries, []);
      assert.ok(!existsSync(call.cwd), `the folder ${call.cwd} is left behind`);
    });

    it(`${cli}: its environment carries no provider key, credential or configured key variable; HOME stays`, async () => {
      const { g } = gateway(role(cli));
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error, undefined, r.error?.message);
      const [call] = fakeCliCalls(record);
      assert.ok(call);
      for (const name of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'MOONSHOT_API_KEY', 'MY_LLM', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN']) {
        assert.equal(call.env[name], undefined, `${name} reached ${cli}`);
      }
      for (const value of Object.values(call.env)) assert.ok(!/secret/.test(value), `a secret value reached ${cli}`);
      assert.equal(call.env.HOME, '/home/someone');
      // Claude Code's own subscription token is its login; no other CLI gets it.
      assert.equal(call.env.CLAUDE_CODE_OAUTH_TOKEN, cli === 'claude-code' ? 'claude-subscription-token' : undefined);
    });
  }

  it('model "default" leaves the choice to the CLI (no model flag); any other model is passed through', async () => {
    const { g } = gateway(role('codex', 'default'));
    await collect(g.stream('ceo', REQUEST));
    const g2 = gateway(role('codex', 'gpt-5-codex')).g;
    await collect(g2.stream('ceo', REQUEST));
    const [first, second] = fakeCliCalls(record);
    assert.ok(first && second);
    assert.ok(!first.argv.includes('-m'), JSON.stringify(first.argv));
    assert.equal(second.argv[second.argv.indexOf('-m') + 1], 'gpt-5-codex');
  });

  it('cancelling the run kills the CLI\'s whole process group and removes its folder', async () => {
    const { g } = gateway(role('claude-code'), { env: hostEnv({ FAKE_CLI_MODE: 'hang' }) });
    const controller = new AbortController();
    const call = collect(g.stream('ceo', REQUEST, { signal: controller.signal }));
    await until(() => fakeCliCalls(record).length === 1, 'the CLI to start');
    const [started] = fakeCliCalls(record);
    assert.ok(started && alive(started.pid) && alive(started.childPid));
    controller.abort();
    const r = await call;
    assert.equal(r.error?.kind, 'cancelled');
    await until(() => !alive(started.pid) && !alive(started.childPid), 'the CLI and its child to end');
    assert.ok(!existsSync(started.cwd));
  });

  it('a CLI that prints nothing for the idle timeout is ended and retried like a stalled stream', async () => {
    const { g, events } = gateway(role('claude-code'), { env: hostEnv({ FAKE_CLI_MODE: 'hang,success' }), providers: { idleTimeoutS: 0.5 } });
    const r = await collect(g.stream('ceo', REQUEST));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.record?.attempts, 2);
    assert.equal(events.find((e) => e.type === 'retry')?.type === 'retry' && (events.find((e) => e.type === 'retry') as { kind: string }).kind, 'stalled');
    const [hung] = fakeCliCalls(record);
    await until(() => !alive(hung?.pid) && !alive(hung?.childPid), 'the stalled CLI to end');
  });

  it('a CLI that cannot stream is watched like a non-streamed call (the whole-answer limit), then stalled', async () => {
    const { g } = gateway(role('gemini-cli'), { env: hostEnv({ FAKE_CLI_MODE: 'hang' }), providers: { idleTimeoutS: 0.1 }, extra: { wholeAnswerMs: 600, retry: { retries: 0 } } });
    const started = Date.now();
    const r = await collect(g.stream('ceo', REQUEST));
    assert.equal(r.error?.kind, 'stalled');
    assert.ok(Date.now() - started >= 550, 'not ended at the 0.1 s idle limit of a stream');
  });

  it('one call at a time per CLI by default; cliMaxConcurrent raises it', async () => {
    const starts = async (cap: number): Promise<number[]> => {
      rmSync(record, { force: true });
      const { g } = gateway(role('codex'), { env: hostEnv({ FAKE_CLI_DELAY_MS: '400' }), providers: { cliMaxConcurrent: cap } });
      await Promise.all([collect(g.stream('ceo', REQUEST)), collect(g.stream('ceo', REQUEST))]);
      return fakeCliCalls(record)
        .map((c) => c.startedAt)
        .sort((a, b) => a - b);
    };
    const [a1, b1] = await starts(1);
    assert.ok(a1 !== undefined && b1 !== undefined && b1 - a1 >= 350, `the second started ${String((b1 ?? 0) - (a1 ?? 0))} ms after the first`);
    const [a2, b2] = await starts(2);
    assert.ok(a2 !== undefined && b2 !== undefined && b2 - a2 < 350, 'with 2 allowed, both run at once');
  });

  it('under a budget, a CLI role needs no price and spends none of it; its tokens are still counted', async () => {
    const { g } = gateway(role('claude-code'), { extra: { budgetUsd: 0.01 } });
    const r = await collect(g.stream('ceo', REQUEST));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(g.ledger.spentUsd, 0);
    assert.equal(g.ledger.total().input, 120);
  });

  describe('errors a user can act on', () => {
    it('an executable not on PATH: named, how to install it, the cliPaths setting; before any process starts', async () => {
      const { g } = gateway(role('claude-code'), { env: hostEnv({ PATH: NODE_ONLY(dir) }), providers: { cliPaths: {} } });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error?.kind, 'config');
      assert.match(r.error.message, /Claude Code cannot be used for role ceo \(model m1\): the executable `claude` was not found on PATH/);
      assert.match(r.error.message, /npm install -g @anthropic-ai\/claude-code/);
      assert.match(r.error.message, /factory\.providers\.cliPaths.*"claude-code"/);
      assert.match(r.error.message, /Nothing was sent\./);
    });

    it('found on PATH by its usual name when no cliPaths entry is set', async () => {
      const { g } = gateway(role('gemini-cli'), { env: hostEnv({ PATH: `${FAKE_CLI_BIN}${delimiter}${process.env.PATH ?? ''}` }), providers: { cliPaths: {} } });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.record?.text, 'Hello from fake gemini.');
    });

    it('a cliPaths entry that does not exist says so, naming the path', async () => {
      const { g } = gateway(role('codex'), { providers: { cliPaths: { codex: join(dir, 'nope', 'codex') } } });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error?.kind, 'config');
      assert.ok(r.error.message.includes(`${join(dir, 'nope', 'codex')}, does not exist or is not executable`), r.error.message);
    });

    it('a fallback on a CLI that is not installed is passed over; the primary still answers', async () => {
      const { g, events } = gateway(role('codex', 'm1', [{ provider: 'gemini-cli', model: 'g' }]), { providers: { cliPaths: { codex: fakeCliPaths().codex } }, env: hostEnv({ PATH: NODE_ONLY(dir) }) });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(events.filter((e) => e.type === 'skipped').length, 0, 'not needed, not looked at');
    });

    it('logged out: the CLI\'s own message and how to log in, no advice about API keys; the fallback takes over', async () => {
      const { g, events } = gateway(role('claude-code', 'sonnet', [{ provider: 'codex', model: 'gpt-5' }]), { env: hostEnv({ FAKE_CLI_MODE: 'auth,success' }) });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.record?.provider, 'codex');
      const fallback = events.find((e) => e.type === 'fallback');
      assert.ok(fallback?.type === 'fallback');
      assert.match(fallback.reason, /^Claude Code refused access for role ceo \(model sonnet\): Invalid API key · Please run \/login\. To log in: run `claude` in a terminal and type \/login/);
      assert.doesNotMatch(fallback.reason, /Check the key|environment variable/);
    });

    it('logged out with no other model: fails at once (no retry), the same CLI\'s other models not tried', async () => {
      const { g } = gateway(role('gemini-cli', 'a', [{ provider: 'gemini-cli', model: 'b' }]), { env: hostEnv({ FAKE_CLI_MODE: 'auth' }) });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error?.kind, 'auth');
      assert.match(r.error.message, /Please set an Auth method .* login with Google\..*To log in: run `gemini` in a terminal/s);
      assert.match(r.error.message, /gemini-cli:b: not tried, it uses the same Gemini CLI login as gemini-cli:a, which was refused/);
      assert.equal(fakeCliCalls(record).length, 1);
    });

    it('a crash is retried like a server error, and the retry answers', async () => {
      const { g, events } = gateway(role('codex'), { env: hostEnv({ FAKE_CLI_MODE: 'crash,success' }) });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.record?.attempts, 2);
      const retry = events.find((e) => e.type === 'retry');
      assert.ok(retry?.type === 'retry');
      assert.equal(retry.kind, 'server');
      assert.match(retry.message, /Codex had a server error answering role ceo \(model m1\): codex crashed \(signal SIGABRT\)/);
    });

    it('an unknown model moves on to the fallback at once, without retries', async () => {
      const { g } = gateway(role('claude-code', 'no-such-model', [{ provider: 'claude-code', model: 'sonnet' }]), { env: hostEnv({ FAKE_CLI_MODE: 'empty-model,success' }) });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.record?.model, 'sonnet');
      assert.equal(fakeCliCalls(record).length, 2);
    });

    it('a baseUrl or apiKeyEnv on a CLI model is refused before any process starts', async () => {
      const { g } = gateway({ provider: 'claude-code', model: 'sonnet', baseUrl: 'https://example.com', fallbacks: [] });
      const r = await collect(g.stream('ceo', REQUEST));
      assert.equal(r.error?.kind, 'config');
      assert.match(r.error.message, /remove "baseUrl" and "apiKeyEnv"/);
      assert.equal(fakeCliCalls(record).length, 0);
    });
  });
});
