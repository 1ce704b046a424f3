import assert from 'node:assert/strict';
import { keyChoices } from '../../../src/vscode/keyChoices';

describe('Set API Key: which services have a key, which need none', () => {
  it('marks each keyed service as stored or missing, and puts the local servers apart as needing no key', () => {
    const items = keyChoices(new Set(['anthropic', 'openai-compatible:moonshot']));
    const by = (label: string) => items.find((i) => i.label.startsWith(label));
    assert.match(by('Anthropic')?.description ?? '', /key stored/);
    assert.match(by('OpenAI')?.description ?? '', /no key yet/);
    assert.match(by('Kimi')?.description ?? '', /key stored/);
    for (const local of ['LM Studio', 'vLLM', 'Ollama']) {
      const item = by(local);
      assert.ok(item, local);
      assert.equal(item.group, 'no key needed', local);
      assert.match(item.description ?? '', /no key needed/, local);
    }
    // The keyed services come first, the keyless after them.
    const groups = items.map((i) => i.group);
    assert.ok(groups.lastIndexOf('needs a key') < groups.indexOf('no key needed'));
  });
});
