// Before a run: a fallback that could not be used (no key, no price under a budget, no baseUrl) is a
// warning, never a reason to refuse a run whose primary models are usable.
import assert from 'node:assert/strict';
import { resolveConfig, type FactoryConfig } from '../../../src/core/config/resolve';
import { envKeys } from '../../../src/core/providers/envKeys';
import { fallbackPreflight } from '../../../src/core/providers/fallbackPreflight';
import { keysPreflight } from '../../../src/core/providers/keysPreflight';
import { budgetPreflight } from '../../../src/core/providers/priceCheck';

function config(input: object): FactoryConfig {
  const r = resolveConfig(input);
  assert.ok(r.ok, JSON.stringify(r));
  return r.config;
}

const KEYS = envKeys({ ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k', GEMINI_API_KEY: 'k' });

describe('fallbacks before a run', () => {
  const withFallbacks = config({
    roles: {
      ceo: {
        provider: 'anthropic',
        model: 'claude-sonnet-4-6',
        fallbacks: [
          { provider: 'openai-compatible', model: 'deepseek-chat', baseUrl: 'https://api.deepseek.com/v1' },
          { provider: 'openai', model: 'gpt-unreleased' },
        ],
      },
      qc: { provider: 'openai', model: 'gpt-5', fallbacks: [{ provider: 'openai-compatible', model: 'kimi-k2' }] },
    },
  });

  it('warns about each unusable fallback, naming its setting and why, and does not block the run', async () => {
    assert.deepEqual(await budgetPreflight(withFallbacks), [], 'no blocker for a fallback without a price');
    assert.deepEqual(await keysPreflight(withFallbacks, KEYS), [], 'no blocker for a fallback without a key');
    const warnings = await fallbackPreflight(withFallbacks, KEYS);
    assert.equal(warnings.length, 3, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /^roles\.ceo\.fallbacks\.0: No API key for DeepSeek \(OpenAI-compatible\) \(role ceo, model deepseek-chat\): set the environment variable DEEPSEEK_API_KEY.*it is skipped if ceo needs its fallbacks\.$/);
    assert.match(warnings[1] ?? '', /^roles\.ceo\.fallbacks\.1: openai:gpt-unreleased \(role ceo\) has no known price.*it is skipped if ceo needs its fallbacks\.$/);
    assert.match(warnings[2] ?? '', /^roles\.qc\.fallbacks\.0: .*gives no baseUrl.*it is skipped if qc needs its fallbacks\.$/);
  });

  it('says nothing about usable fallbacks, and nothing about prices without a budget', async () => {
    const usable = config({ roles: { ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6', fallbacks: [{ provider: 'google', model: 'gemini-2.5-flash' }] } } });
    assert.deepEqual(await fallbackPreflight(usable, KEYS), []);
    const noBudget = config({ roles: { ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6', fallbacks: [{ provider: 'openai', model: 'gpt-unreleased' }] } }, limits: { budgetUsd: null } });
    assert.deepEqual(await fallbackPreflight(noBudget, KEYS), []);
  });

  it('a primary without a key or a price still blocks the run', async () => {
    const primary = config({ roles: { qc: { provider: 'openai', model: 'gpt-unreleased' } } });
    assert.deepEqual((await budgetPreflight(primary)).map((p) => p.path), ['roles.qc']);
    assert.equal((await keysPreflight(config({}), envKeys({}))).length, 4);
  });
});
