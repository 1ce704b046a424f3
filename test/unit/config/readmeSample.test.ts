import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../../src/core/config/resolve';
import { keyRoutes } from '../../../src/core/providers/keyRoutes';

// The README's sample configuration is what a newcomer copies: it must be accepted as written, in the
// place the README says it belongs (the user's own file), and refused where it does not (a workspace's).
const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Configure providers and keys'));
const sample = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];

describe("README's sample configuration", () => {
  it('is valid JSON that the configuration accepts', () => {
    assert.ok(sample, 'the section has a json sample');
    const r = resolveConfig(JSON.parse(sample));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.config.roles.qc.baseUrl, 'https://api.moonshot.ai/v1');
  });

  it('routes a key, so the README tells the reader to keep it in their own file', () => {
    assert.deepEqual(keyRoutes(JSON.parse(sample ?? '{}')).map((r) => r.setting), ['roles.qc.baseUrl']);
    assert.match(section, /belongs in your own file/);
  });
});
