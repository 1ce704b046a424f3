// The check a run makes before it starts: with a budget, every model of every role and fallback needs
// a price (settings, the price database, or free because it runs on this machine).
import assert from 'node:assert/strict';
import { resolveConfig, type FactoryConfig } from '../../../src/core/config/resolve';
import { budgetPreflight } from '../../../src/core/providers/priceCheck';

function config(input: object): FactoryConfig {
  const r = resolveConfig(input);
  assert.ok(r.ok, JSON.stringify(r));
  return r.config;
}

describe('the budget check at the start of a run', () => {
  it('passes the default roles: list prices for the hosted ones, the local Ollama ones free', async () => {
    assert.deepEqual(await budgetPreflight(config({})), []);
  });

  it('names each model without a price, the setting that chose it, and the providers.prices entry to add; a fallback without one does not block', async () => {
    const problems = await budgetPreflight(
      config({
        roles: {
          ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6', fallbacks: [{ provider: 'openai-compatible', model: 'acme/unreleased-model', baseUrl: 'https://openrouter.ai/api/v1' }] },
          qc: { provider: 'openai-compatible', model: 'kimi-k2', baseUrl: 'https://llm.internal.example/v1' },
          architect: { provider: 'ollama', model: 'gpt-oss:120b-cloud' },
        },
        limits: { budgetUsd: 2.5 },
      }),
    );
    // The fallback is passed over if the call needs it (fallbackPreflight warns about it): the budget still counts every call made.
    assert.deepEqual(
      problems.map((p) => p.path),
      ['roles.qc', 'roles.architect'],
    );
    const [qc, architect] = problems;
    assert.match(architect?.message ?? '', /^ollama:gpt-oss:120b-cloud has no known price, so the run budget \(limits\.budgetUsd, \$2\.50\) could not count/);
    assert.match(qc?.message ?? '', /"providers": \{ "prices": \{ "openai-compatible:kimi-k2": \{ "input": <USD per million input tokens>, "output": <USD per million output tokens> \} \} \}/);
    assert.match(qc?.message ?? '', /or set "limits": \{ "budgetUsd": null \} to run without a budget\./);
    // A workspace's price would be refused: the advice sends the user to their own configuration.
    assert.match(qc?.message ?? '', /in providers\.prices of your own configuration/);
  });

  it('names a model used by several settings once, with all of them', async () => {
    const proxy = { provider: 'openai-compatible', model: 'claude-via-proxy', baseUrl: 'http://127.0.0.1:4000/v1' };
    const problems = await budgetPreflight(config({ roles: { ceo: proxy, twin: { ...proxy, fallbacks: [] } }, allowSelfReview: true }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.path, 'roles.ceo');
    assert.match(problems[0]?.message ?? '', /^openai-compatible:claude-via-proxy \(also roles\.twin\) has no known price/);
  });

  it('is satisfied by a price in settings, by a local server, or by no budget at all', async () => {
    const roles = { qc: { provider: 'openai-compatible', model: 'kimi-k2', baseUrl: 'https://llm.internal.example/v1' } };
    assert.equal((await budgetPreflight(config({ roles }))).length, 1);
    assert.deepEqual(await budgetPreflight(config({ roles, providers: { prices: { 'openai-compatible:kimi-k2': { input: 0.6, output: 2.5 } } } })), []);
    assert.deepEqual(await budgetPreflight(config({ roles, limits: { budgetUsd: null } })), []);
    const local = { qc: { provider: 'openai-compatible', model: 'qwen3', baseUrl: 'http://localhost:1234/v1' } };
    assert.deepEqual(await budgetPreflight(config({ roles: local })), []);
  });
});

describe('limits.budgetUsd', () => {
  it('takes null for "no budget", and still refuses zero, negatives and text', () => {
    const r = resolveConfig({ limits: { budgetUsd: null } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.config.limits.budgetUsd, null);
    for (const bad of [0, -1, 'lots']) {
      const refused = resolveConfig({ limits: { budgetUsd: bad } });
      assert.ok(!refused.ok && refused.problems.some((p) => p.path === 'limits.budgetUsd'), String(bad));
    }
  });
});
