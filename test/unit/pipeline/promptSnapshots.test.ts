/**
 * Every prompt of prompts/ has a snapshot: a stage's own test renders it with realistic slots
 * (`<name>.snap.md`); any other is rendered here with each slot filled by its own name (`<name>.txt`).
 * So a new prompt cannot ship unseen. Rewrite with UPDATE_SNAPSHOTS=1 after reviewing the change.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { matchesSnapshot, snapshotFile } from '../../support/promptSnapshot';
import { systemPrompt } from '../../../src/core/pipeline/prompts';
import { loadPrompt, promptsDir } from '../../../src/core/prompts/load';
import { renderPrompt, slotsOf } from '../../../src/core/prompts/render';
import { ROLES } from '../../../src/core/config/roles';


describe('prompt snapshots', () => {
  const names = readdirSync(promptsDir())
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => f.slice(0, -3))
    .sort();

  for (const name of names) {
    it(`prompts/${name}.md renders as its snapshot`, () => {
      // Covered with realistic slots by the test of the stage that uses it.
      if (existsSync(snapshotFile(name))) return;
      const template = loadPrompt(name);
      matchesSnapshot(name, renderPrompt(template, Object.fromEntries(slotsOf(template).map((s) => [s, `<${s}>`])), name), '.txt');
    });
  }

  it('gives every role a system prompt with no slot (the same text in every call of a run) that carries the protocol', () => {
    for (const role of ROLES) {
      assert.deepEqual(slotsOf(loadPrompt(`role.${role}`)), [], role);
      for (const access of ['edits', 'read-only'] as const) assert.match(systemPrompt(role, access), /tagged `dac`/, `${role} (${access}): the reply envelope is part of the system prompt`);
      assert.match(systemPrompt(role, 'edits'), /<<<<<<< SEARCH/, `${role}: a step that changes files is taught SEARCH/REPLACE`);
    }
  });

  it('a read-only step is not taught to edit: it is told no edit is accepted and any block is refused', () => {
    for (const role of ROLES) {
      const text = systemPrompt(role, 'read-only');
      assert.doesNotMatch(text, /<<<<<<< SEARCH|>>>>>>> REPLACE|=======/, `${role}: a read-only step is shown no block syntax`);
      assert.match(text, /read-only/i, role);
      assert.match(text, /refused/, role);
      for (const kind of ['audit_report', 'review', 'learning']) assert.ok(text.includes(`"${kind}"`), `${role}: the read-only kinds are named (${kind})`);
    }
  });
});
