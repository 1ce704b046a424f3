// Keys, presets, settings and the VS Code language model's message shape: the parts each host
// wires differently, tested in plain Node.
import assert from 'node:assert/strict';
import { resolveConfig } from '../../../src/core/config/resolve';
import { envKeys } from '../../../src/core/providers/envKeys';
import { keyNeed } from '../../../src/core/providers/keys';
import { lmFailure, lmSelectors, lmTurns } from '../../../src/core/providers/languageModel';
import { providerLabel } from '../../../src/core/providers/labels';
import { findPreset, isLoopback, OPENAI_COMPATIBLE_PRESETS } from '../../../src/core/providers/presets';

describe('keys', () => {
  it('each provider has its usual variable; apiKeyEnv replaces it', () => {
    assert.deepEqual(keyNeed({ provider: 'anthropic', model: 'm' }).envVars, ['ANTHROPIC_API_KEY']);
    assert.deepEqual(keyNeed({ provider: 'openai', model: 'm' }).envVars, ['OPENAI_API_KEY']);
    assert.deepEqual(keyNeed({ provider: 'google', model: 'm' }).envVars, ['GEMINI_API_KEY', 'GOOGLE_API_KEY']);
    assert.deepEqual(keyNeed({ provider: 'openai', model: 'm', apiKeyEnv: 'MINE' }).envVars, ['MINE']);
  });

  it('OpenAI-compatible presets bring their variable; local servers, Ollama and VS Code models need no key', () => {
    const need = (baseUrl: string) => keyNeed({ provider: 'openai-compatible', model: 'm', baseUrl });
    assert.deepEqual(need('https://api.moonshot.ai/v1').envVars, ['MOONSHOT_API_KEY']);
    assert.deepEqual(need('https://dashscope.aliyuncs.com/compatible-mode/v1').envVars, ['DASHSCOPE_API_KEY']);
    assert.deepEqual(need('https://api.deepseek.com/v1').envVars, ['DEEPSEEK_API_KEY']);
    assert.deepEqual(need('https://openrouter.ai/api/v1').envVars, ['OPENROUTER_API_KEY']);
    assert.equal(need('https://api.deepseek.com/v1').required, true);
    assert.equal(need('http://localhost:1234/v1').required, false);
    assert.equal(need('http://127.0.0.1:9999/v1').required, false);
    assert.equal(need('https://llm.example.com/v1').required, true);
    assert.equal(keyNeed({ provider: 'ollama', model: 'm' }).required, false);
    assert.equal(keyNeed({ provider: 'vscode-lm', model: 'm' }).required, false);
  });

  it('each OpenAI-compatible service keeps its own key, so Kimi and DeepSeek never share one', () => {
    const account = (baseUrl?: string) => keyNeed({ provider: 'openai-compatible', model: 'm', ...(baseUrl !== undefined && { baseUrl }) }).account;
    assert.equal(account('https://api.moonshot.ai/v1'), 'openai-compatible:moonshot');
    assert.equal(account('https://api.moonshot.cn/v1'), 'openai-compatible:moonshot');
    assert.equal(account('https://api.deepseek.com/v1'), 'openai-compatible:deepseek');
    assert.equal(account('https://llm.example.com:8443/v1'), 'openai-compatible:llm.example.com:8443');
    assert.equal(keyNeed({ provider: 'anthropic', model: 'm' }).account, 'anthropic');
  });

  it('the CLI reads them from the environment and says how to set one', async () => {
    const keys = envKeys({ GOOGLE_API_KEY: ' g ', EMPTY: '' });
    assert.equal(await keys.findKey(keyNeed({ provider: 'google', model: 'm' })), 'g');
    assert.equal(await keys.findKey({ provider: 'x', account: 'x', label: 'X', envVars: ['EMPTY'] }), undefined);
    assert.match(keys.howToSet(keyNeed({ provider: 'google', model: 'm' })), /set the environment variable GEMINI_API_KEY \(or GOOGLE_API_KEY\)/);
  });
});

describe('OpenAI-compatible presets', () => {
  it('are data: a name, a base URL and a key variable, recognised by host', () => {
    for (const p of OPENAI_COMPATIBLE_PRESETS) {
      assert.ok(p.name && new URL(p.baseUrl), p.id);
      assert.equal(findPreset(p.baseUrl)?.id, p.id);
    }
    assert.deepEqual(OPENAI_COMPATIBLE_PRESETS.map((p) => p.id), ['moonshot', 'qwen', 'deepseek', 'openrouter', 'lmstudio', 'vllm']);
    assert.equal(findPreset('https://api.moonshot.cn/v1')?.id, 'moonshot');
    assert.equal(findPreset('https://example.com/v1'), undefined);
    assert.equal(providerLabel('openai-compatible', 'https://api.deepseek.com/v1'), 'DeepSeek (OpenAI-compatible)');
    assert.ok(isLoopback('http://[::1]:8000/v1') && !isLoopback('https://api.deepseek.com'));
  });
});

describe('provider settings', () => {
  it('default to a 60 s idle watchdog, 4 calls per provider, 1 per coding CLI (found on PATH) and no price overrides', () => {
    const r = resolveConfig({});
    assert.ok(r.ok);
    assert.deepEqual(r.config.providers, { idleTimeoutS: 60, maxConcurrent: 4, cliMaxConcurrent: 1, cliPaths: {}, prices: {} });
  });

  it('take a coding CLI\'s executable only as an absolute path, for one of the three CLIs', () => {
    assert.ok(resolveConfig({ providers: { cliPaths: { 'claude-code': '/opt/claude/bin/claude' } } }).ok);
    const relative = resolveConfig({ providers: { cliPaths: { codex: 'bin/codex' } } });
    assert.ok(!relative.ok);
    assert.deepEqual(relative.problems.map((p) => p.path), ['providers.cliPaths.codex']);
    assert.match(relative.problems[0]?.message ?? '', /absolute path/);
    const unknown = resolveConfig({ providers: { cliPaths: { claude: '/usr/bin/claude' } } });
    assert.ok(!unknown.ok);
  });

  it('take price overrides and refuse nonsense, naming the setting', () => {
    const ok = resolveConfig({ providers: { prices: { 'openai-compatible:kimi-k2': { input: 0.6, output: 2.5, cached: 0.15 } } } });
    assert.ok(ok.ok);
    assert.equal(ok.config.providers.prices['openai-compatible:kimi-k2']?.cached, 0.15);
    const bad = resolveConfig({ providers: { maxConcurrent: 0, prices: { x: { input: -1, output: 1 } } } });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => p.path).sort(), ['providers.maxConcurrent', 'providers.prices.x.input']);
  });
});

describe('VS Code language model messages (the adapter\'s plain part)', () => {
  it('open the first user turn with the system text and merge turns of one speaker', () => {
    const turns = lmTurns({
      system: 'RULES',
      messages: [
        { role: 'user', content: [{ text: 'BLUEPRINT', cache: true }, { text: 'DaC-Context: run=r role=qc step=review expect=review task=-' }] },
        { role: 'user', content: 'more' },
        { role: 'assistant', content: 'answer' },
        { role: 'user', content: 'again' },
      ],
    });
    assert.deepEqual(turns, [
      { role: 'user', text: 'RULES\n\nBLUEPRINT\n\nDaC-Context: run=r role=qc step=review expect=review task=-\n\nmore' },
      { role: 'assistant', text: 'answer' },
      { role: 'user', text: 'again' },
    ]);
  });

  it('keep a system text even when there is no user turn to carry it', () => {
    assert.deepEqual(lmTurns({ system: 'RULES', messages: [{ role: 'assistant', content: 'a' }] }), [
      { role: 'user', text: 'RULES' },
      { role: 'assistant', text: 'a' },
    ]);
  });

  it('look a model up by id, then by family, and explain its error codes', () => {
    assert.deepEqual(lmSelectors('gpt-4o'), [{ id: 'gpt-4o' }, { family: 'gpt-4o' }]);
    assert.equal(lmFailure('NoPermissions', '').kind, 'auth');
    assert.equal(lmFailure('Blocked', 'quota').kind, 'rate_limit');
    assert.equal(lmFailure('NotFound', '').kind, 'not_found');
    assert.equal(lmFailure(undefined, 'boom').kind, 'server');
  });
});
