import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPrompt, promptsDir } from '../../../src/core/prompts/load';
import { PromptSlotError, renderPrompt, slotsOf } from '../../../src/core/prompts/render';

describe('prompt rendering', () => {
  it('fills every slot, with or without spaces inside the braces', () => {
    assert.equal(renderPrompt('a {{x}} b {{ y }} {{x}}', { x: 1, y: 'two' }), 'a 1 b two 1');
  });

  it('throws when a slot is left unfilled, naming it', () => {
    assert.throws(
      () => renderPrompt('{{a}} {{b}} {{c}}', { a: '' }, 'test.md'),
      (e: unknown) => e instanceof PromptSlotError && e.missing.join() === 'b,c' && /test\.md/.test(e.message),
    );
  });

  it('does not read slots inside the values it inserts', () => {
    assert.equal(renderPrompt('[{{v}}]', { v: '{{w}}' }), '[{{w}}]');
  });

  it('finds the prompts folder next to package.json and reads the engine prompts from it', () => {
    const dir = promptsDir();
    assert.ok(readdirSync(dir).includes('README.md'));
    const expected: Record<string, string[]> = {
      'protocol.repair': ['attempt', 'context_line', 'files', 'issues', 'kind', 'max_repairs'],
      'assistant.repair': ['context_line', 'issues', 'kind', 'reply', 'schema', 'step'],
      'patch.retry': ['applied', 'context_line', 'failures', 'kind', 'total'],
    };
    for (const [name, slots] of Object.entries(expected)) {
      const text = loadPrompt(name);
      assert.equal(text, readFileSync(join(dir, `${name}.md`), 'utf8'));
      assert.deepEqual(slotsOf(text).sort(), slots, name);
      assert.ok(text.startsWith('{{context_line}}\n'), `${name}: the DaC-Context line comes first`);
    }
  });
});
