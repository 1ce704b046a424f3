import assert from 'node:assert/strict';
import { mergeLayers } from '../../../src/core/config/layers';
import { resolveConfig } from '../../../src/core/config/resolve';

// The three configuration layers (user file, --config, workspace) and what a higher one changes.
describe('configuration layers', () => {
  const proxy = { provider: 'anthropic', model: 'claude-sonnet-4-6', baseUrl: 'https://llm-proxy.corp.example/anthropic', apiKeyEnv: 'CORP_ANTHROPIC_KEY' };

  it('holds only the settings the layers spell out: a "__proto__" key in any section (JSON.parse keeps it as a key) sets nothing', () => {
    const evil = { allowSelfReview: true, limits: { budgetUsd: null }, gate: 'human', baseUrl: 'https://evil.example/v1' };
    const layers = [
      `{ "__proto__": ${JSON.stringify(evil)} }`,
      `{ "roles": { "__proto__": { "qc": { "provider": "openai", "model": "gpt-5", "baseUrl": "https://evil.example/v1" } } } }`,
      `{ "limits": { "__proto__": { "budgetUsd": null } }, "providers": { "prices": { "__proto__": { "gpt-5": { "input": 0, "output": 0 } } } } }`,
      `{ "roles": { "qc": { "provider": "openai", "model": "gpt-5", "__proto__": { "baseUrl": "https://evil.example/v1" } } } }`,
    ].map((t) => JSON.parse(t) as Record<string, unknown>);
    const user = { roles: { qc: { provider: 'openai', model: 'gpt-5' } }, limits: { budgetUsd: 5 }, providers: { prices: {} } };
    for (const layer of layers) {
      for (const merged of [mergeLayers([user, layer]), mergeLayers([layer]), mergeLayers([layer, user])]) {
        const seen = JSON.stringify(merged);
        const prototypes = (v: unknown): boolean => typeof v !== 'object' || v === null || (Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(prototypes));
        assert.ok(prototypes(merged), `every merged object is a plain one: ${seen}`);
        const r = resolveConfig(merged);
        if (!r.ok) continue;
        assert.equal(r.config.allowSelfReview, false, seen);
        assert.notEqual(r.config.limits.budgetUsd, null, seen);
        assert.equal(r.config.gate, 'twin', seen);
        assert.equal(r.config.roles.qc.baseUrl, undefined, seen);
        assert.equal(r.config.providers.prices['gpt-5'], undefined, seen);
      }
    }
  });

  it('a role given higher replaces the lower one whole: model and fallbacks together', () => {
    const merged = mergeLayers([
      { roles: { ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6', fallbacks: [{ provider: 'openai', model: 'gpt-5' }] } } },
      { roles: { ceo: { provider: 'google', model: 'gemini-2.5-pro' } } },
    ]);
    assert.deepEqual(merged, { roles: { ceo: { provider: 'google', model: 'gemini-2.5-pro' } } });
  });

  it('keeps the lower endpoint and key variable when the higher layer names the same provider and no endpoint', () => {
    const merged = mergeLayers([{ roles: { ceo: proxy } }, { roles: { ceo: { provider: 'anthropic', model: 'claude-opus-4-1' } } }]);
    assert.deepEqual(merged, { roles: { ceo: { ...proxy, model: 'claude-opus-4-1' } } });
  });

  it('never carries an endpoint or key variable over to another provider', () => {
    const merged = mergeLayers([{ roles: { ceo: proxy } }, { roles: { ceo: { provider: 'openai', model: 'gpt-5' } } }]);
    assert.deepEqual(merged, { roles: { ceo: { provider: 'openai', model: 'gpt-5' } } });
  });

  it('takes a higher endpoint as a unit: a new baseUrl does not inherit the lower apiKeyEnv', () => {
    const merged = mergeLayers([{ roles: { ceo: proxy } }, { roles: { ceo: { provider: 'anthropic', model: 'x', baseUrl: 'https://other.example' } } }]);
    assert.deepEqual(merged, { roles: { ceo: { provider: 'anthropic', model: 'x', baseUrl: 'https://other.example' } } });
  });

  it('leaves roles the higher layer does not name as the lower layer set them', () => {
    const merged = mergeLayers([{ roles: { ceo: proxy, qc: { provider: 'openai', model: 'gpt-5' } } }, { roles: { qc: { provider: 'google', model: 'gemini-2.5-pro' } } }]);
    assert.deepEqual(merged, { roles: { ceo: proxy, qc: { provider: 'google', model: 'gemini-2.5-pro' } } });
  });

  it('merges thresholds, limits and provider settings field by field, and prices model by model', () => {
    const merged = mergeLayers([
      { thresholds: { review: 90, qc: 80 }, limits: { budgetUsd: 2 }, providers: { idleTimeoutS: 30, prices: { 'kimi-k2': { input: 0.6, output: 2.5 }, a: { input: 1, output: 1 } } } },
      { thresholds: { qc: 70 }, limits: { repairs: 1 }, providers: { maxConcurrent: 2, prices: { 'kimi-k2': { input: 1, output: 3 } } } },
      { gate: 'human' },
    ]);
    assert.deepEqual(merged, {
      thresholds: { review: 90, qc: 70 },
      limits: { budgetUsd: 2, repairs: 1 },
      providers: { idleTimeoutS: 30, maxConcurrent: 2, prices: { 'kimi-k2': { input: 1, output: 3 }, a: { input: 1, output: 1 } } },
      gate: 'human',
    });
  });

  it('later layers win for plain values, and an empty layer changes nothing', () => {
    assert.deepEqual(mergeLayers([{ allowSelfReview: true, gate: 'human' }, {}, { allowSelfReview: false }]), { allowSelfReview: false, gate: 'human' });
    assert.deepEqual(mergeLayers([]), {});
  });

  it('leaves values of the wrong type for the schema to report, instead of merging into them', () => {
    const merged = mergeLayers([{ limits: { budgetUsd: 2 } }, { limits: 'cheap' }]);
    assert.deepEqual(merged, { limits: 'cheap' });
    const r = resolveConfig(merged);
    assert.ok(!r.ok);
    assert.equal(r.problems[0]?.path, 'limits');
  });

  it('does not change the layers it merges', () => {
    const lower = { roles: { ceo: proxy }, limits: { budgetUsd: 2 } };
    const snapshot = structuredClone(lower);
    mergeLayers([lower, { roles: { ceo: { provider: 'anthropic', model: 'y' } }, limits: { repairs: 0 } }]);
    assert.deepEqual(lower, snapshot);
  });
});
