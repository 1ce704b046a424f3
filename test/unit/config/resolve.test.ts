import assert from 'node:assert/strict';
import { DEFAULT_ROLES } from '../../../src/core/config/defaults';
import { resolveConfig } from '../../../src/core/config/resolve';

describe('resolveConfig', () => {
  it('fills every role, threshold and limit from the documented defaults when nothing is configured', () => {
    const r = resolveConfig(undefined);
    assert.ok(r.ok);
    assert.deepEqual(r.config.roles, DEFAULT_ROLES);
    assert.deepEqual(r.config.thresholds, { review: 95, qc: 85, verify: 90, gate: 80 });
    assert.deepEqual(r.config.limits, { reviewRounds: 3, repairs: 2, trapsPerTask: 2, parallelTasks: 3, budgetUsd: 5, commandTimeoutS: 300 });
    assert.equal(r.config.gate, 'twin');
  });

  it('keeps what the user set and defaults the rest, accepting the DESIGN.md example', () => {
    const r = resolveConfig({
      roles: {
        ceo: { provider: 'anthropic', model: 'claude-sonnet-4-5', fallbacks: [{ provider: 'openai', model: 'gpt-5' }] },
        qc: { provider: 'openai-compatible', model: 'kimi-k2', baseUrl: 'https://api.moonshot.example/v1', apiKeyEnv: 'MOONSHOT_API_KEY' },
      },
      thresholds: { review: 90 },
      limits: { budgetUsd: 1.5 },
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.config.roles.qc.model, 'kimi-k2');
    assert.equal(r.config.roles.ceo.fallbacks[0]?.model, 'gpt-5');
    assert.equal(r.config.roles.architect.provider, DEFAULT_ROLES.architect.provider);
    assert.equal(r.config.thresholds.review, 90);
    assert.equal(r.config.thresholds.qc, 85);
    assert.equal(r.config.limits.budgetUsd, 1.5);
    assert.equal(r.config.limits.reviewRounds, 3);
  });

  it('names the exact setting that is wrong', () => {
    const r = resolveConfig({ roles: { qc: { provider: 'openia', model: 'gpt-5' } }, thresholds: { review: 101 }, limits: { parallelTasks: 0 } });
    assert.ok(!r.ok);
    const paths = r.problems.map((p) => p.path).sort();
    assert.deepEqual(paths, ['limits.parallelTasks', 'roles.qc.provider', 'thresholds.review']);
  });

  it('refuses unknown keys instead of silently ignoring a typo', () => {
    const r = resolveConfig({ role: {}, roles: { reviewer: { provider: 'openai', model: 'x' } } });
    assert.ok(!r.ok);
    assert.ok(r.problems.some((p) => p.path === '(top level)' && /role/.test(p.message)), JSON.stringify(r.problems));
    assert.ok(r.problems.some((p) => p.path === 'roles' && /reviewer/.test(p.message)), JSON.stringify(r.problems));
  });

  it('refuses a reviewer on the same provider and model as the author it reviews', () => {
    const r = resolveConfig({ roles: { ceo: { provider: 'openai', model: 'gpt-5' }, qc: { provider: 'openai', model: 'gpt-5' } } });
    assert.ok(!r.ok);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]?.path, 'roles.qc');
    assert.match(r.problems[0]?.message ?? '', /qc reviews the work of ceo but both use openai:gpt-5/);
    assert.match(r.problems[0]?.message ?? '', /allowSelfReview/);
  });

  it('allows self-review only when explicitly asked to', () => {
    const r = resolveConfig({ allowSelfReview: true, roles: { ceo: { provider: 'openai', model: 'gpt-5' }, qc: { provider: 'openai', model: 'gpt-5' } } });
    assert.ok(r.ok);
  });

  it('treats the same model at two different endpoints as two models', () => {
    const r = resolveConfig({
      roles: {
        ceo: { provider: 'openai-compatible', model: 'llama', baseUrl: 'http://127.0.0.1:1234/v1' },
        qc: { provider: 'openai-compatible', model: 'llama', baseUrl: 'http://127.0.0.1:8000/v1' },
      },
    });
    assert.ok(r.ok);
  });

  describe('self-review through fallbacks', () => {
    const gpt5 = { provider: 'openai', model: 'gpt-5' };
    const sonnet = { provider: 'anthropic', model: 'claude-sonnet-4-6' };

    it("refuses a reviewer whose fallback is the author's model, naming the fallback", () => {
      const r = resolveConfig({ roles: { ceo: sonnet, qc: { ...gpt5, fallbacks: [{ provider: 'google', model: 'gemini-2.5-pro' }, sonnet] } } });
      assert.ok(!r.ok, 'a fallback of qc would grade the ceo model');
      assert.deepEqual(r.problems.map((p) => p.path), ['roles.qc.fallbacks.1']);
      assert.match(r.problems[0]?.message ?? '', /qc reviews the work of ceo/);
      assert.match(r.problems[0]?.message ?? '', /qc's fallback 2 and ceo's model are both anthropic:claude-sonnet-4-6/);
    });

    it("refuses a reviewer whose model is one of the author's fallbacks", () => {
      const r = resolveConfig({ roles: { ceo: { ...sonnet, fallbacks: [gpt5] }, qc: gpt5 } });
      assert.ok(!r.ok);
      assert.deepEqual(r.problems.map((p) => p.path), ['roles.qc']);
      assert.match(r.problems[0]?.message ?? '', /qc's model and ceo's fallback 1 are both openai:gpt-5/);
    });

    it('refuses a fallback shared by reviewer and author, for every review pair', () => {
      const shared = { provider: 'ollama', model: 'llama3', baseUrl: 'http://127.0.0.1:11434' };
      const r = resolveConfig({
        roles: {
          ceo: { ...sonnet, fallbacks: [shared] },
          junior: { provider: 'ollama', model: 'qwen2.5-coder', baseUrl: 'http://127.0.0.1:11434', fallbacks: [] },
          twin: { provider: 'openai', model: 'o3', fallbacks: [shared] },
        },
      });
      assert.ok(!r.ok);
      assert.deepEqual(r.problems.map((p) => p.path), ['roles.twin.fallbacks.0']);
      assert.match(r.problems[0]?.message ?? '', /twin reviews the work of ceo but twin's fallback 1 and ceo's fallback 1 are both ollama:llama3/);
    });

    it('accepts reviewers whose whole chain differs from the author, and any chain with allowSelfReview', () => {
      const roles = { ceo: { ...sonnet, fallbacks: [gpt5] }, qc: { provider: 'google', model: 'gemini-2.5-pro', fallbacks: [{ provider: 'openai', model: 'o3' }] } };
      assert.ok(resolveConfig({ roles: { ...roles, twin: { provider: 'openai', model: 'o3' } } }).ok);
      assert.ok(resolveConfig({ allowSelfReview: true, roles: { ...roles, twin: gpt5 } }).ok);
    });
  });
});
