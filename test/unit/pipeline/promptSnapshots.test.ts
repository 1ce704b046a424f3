/**
 * Every prompt of prompts/, rendered with each slot filled by its own name, must equal its snapshot
 * in test/fixtures/prompts/. A changed prompt is a changed contract with the models: look at the
 * difference, then refresh with `UPDATE_PROMPT_SNAPSHOTS=1 npx mocha out/test/unit/pipeline/promptSnapshots.test.js`.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemPrompt } from '../../../src/core/pipeline/prompts';
import { loadPrompt, promptsDir } from '../../../src/core/prompts/load';
import { renderPrompt, slotsOf } from '../../../src/core/prompts/render';
import { ROLES } from '../../../src/core/config/roles';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'prompts');
const update = process.env.UPDATE_PROMPT_SNAPSHOTS === '1';

describe('prompt snapshots', () => {
  const names = readdirSync(promptsDir())
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => f.slice(0, -3))
    .sort();

  for (const name of names) {
    it(`prompts/${name}.md renders as its snapshot`, () => {
      const template = loadPrompt(name);
      const rendered = renderPrompt(template, Object.fromEntries(slotsOf(template).map((s) => [s, `<${s}>`])), name);
      const file = join(FIXTURES, `${name}.txt`);
      if (update) writeFileSync(file, rendered);
      assert.ok(existsSync(file), `no snapshot ${file}: run with UPDATE_PROMPT_SNAPSHOTS=1 once, and commit it`);
      assert.equal(rendered, readFileSync(file, 'utf8'));
    });
  }

  it('gives every role a system prompt with no slot, so it is the same text in every call of a run', () => {
    for (const role of ROLES) {
      assert.deepEqual(slotsOf(loadPrompt(`role.${role}`)), [], role);
      assert.equal(systemPrompt(role), systemPrompt(role));
      assert.match(systemPrompt(role), /<<<<<<< SEARCH/, `${role}: the protocol is part of the system prompt`);
    }
  });
});
