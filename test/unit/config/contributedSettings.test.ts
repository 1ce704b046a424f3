import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../../src/core/config/resolve';
import { PROVIDERS, ROLES } from '../../../src/core/config/roles';

interface SettingSchema {
  default?: unknown;
  enum?: unknown[];
  properties?: { provider?: { enum?: unknown[] } };
}

// The settings VS Code shows must say what the engine actually does; this catches drift between them.
const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, SettingSchema> }[] };
};
// Settings come in categories (roles, gate and thresholds, limits, providers): one map of them all.
const settings: Record<string, SettingSchema> = Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties));
const defaults = resolveConfig({});

describe('contributed settings (package.json)', () => {
  it('offers one setting per role, with every provider id', () => {
    for (const role of ROLES) {
      const s = settings[`factory.roles.${role}`];
      assert.ok(s, `factory.roles.${role} is missing`);
      assert.deepEqual(s.properties?.provider?.enum, [...PROVIDERS]);
    }
  });

  it('shows the same defaults the engine uses', () => {
    assert.ok(defaults.ok);
    for (const section of ['thresholds', 'limits', 'exec'] as const) {
      for (const [key, value] of Object.entries(defaults.config[section])) {
        assert.equal(settings[`factory.${section}.${key}`]?.default, value, `factory.${section}.${key}`);
      }
    }
    for (const [key, value] of Object.entries(defaults.config.providers)) {
      assert.deepEqual(settings[`factory.providers.${key}`]?.default, value, `factory.providers.${key}`);
    }
    assert.equal(settings['factory.gate']?.default, defaults.config.gate);
    assert.deepEqual(settings['factory.gate']?.enum, ['twin', 'human']);
    assert.equal(settings['factory.allowSelfReview']?.default, false);
  });

  it('has no setting the engine does not read', () => {
    assert.ok(defaults.ok);
    const known = new Set([
      ...ROLES.map((r) => `factory.roles.${r}`),
      ...Object.keys(defaults.config.thresholds).map((k) => `factory.thresholds.${k}`),
      ...Object.keys(defaults.config.limits).map((k) => `factory.limits.${k}`),
      ...Object.keys(defaults.config.providers).map((k) => `factory.providers.${k}`),
      ...Object.keys(defaults.config.exec).map((k) => `factory.exec.${k}`),
      'factory.gate',
      'factory.allowSelfReview',
    ]);
    assert.deepEqual(Object.keys(settings).filter((k) => !known.has(k)), []);
  });
});
