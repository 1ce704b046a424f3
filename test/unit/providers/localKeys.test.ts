import assert from 'node:assert/strict';
import { envKeys } from '../../../src/core/providers/envKeys';
import { mayCarryKey, resolveKey } from '../../../src/core/providers/keys';
import type { ModelTarget } from '../../../src/core/providers/types';

// DESIGN.md, "Where keys go": a key is sent only where the user chose. A workspace may point a role at
// a keyless server on this machine (mayCarryKey false), so such an endpoint must never be handed the
// provider's generic key from the environment: any process listening on that port would get it.
describe('keys for a keyless server on this machine', () => {
  const env = envKeys({ OPENAI_COMPATIBLE_API_KEY: 'generic', OLLAMA_API_KEY: 'ollama-cloud', VLLM_API_KEY: 'vllm', MY_LOCAL_KEY: 'mine' });
  const keyOf = (target: Omit<ModelTarget, 'model'>): Promise<string | undefined> => resolveKey(env, { model: 'm', ...target } as ModelTarget, 'ceo');

  const local: Array<Omit<ModelTarget, 'model'>> = [
    { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9999/v1' },
    { provider: 'openai-compatible', baseUrl: 'http://[::1]:5000/v1' },
    { provider: 'openai-compatible', baseUrl: 'http://localhost:1234/v1' }, // LM Studio
    { provider: 'ollama' },
    { provider: 'ollama', baseUrl: 'http://127.0.0.1:5555' },
  ];
  for (const t of local) {
    it(`${t.provider} at ${t.baseUrl ?? 'its default'} gets no generic key from the environment`, async () => {
      assert.equal(mayCarryKey(t), false, 'a workspace may choose this endpoint');
      assert.equal(await keyOf(t), undefined);
    });
  }

  it("still gets the key the user's own configuration names for it (apiKeyEnv), and a local preset's own variable", async () => {
    assert.equal(await keyOf({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9999/v1', apiKeyEnv: 'MY_LOCAL_KEY' }), 'mine');
    assert.equal(await keyOf({ provider: 'ollama', apiKeyEnv: 'MY_LOCAL_KEY' }), 'mine');
    assert.equal(await keyOf({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1' }), 'vllm');
  });

  it('a keyed or remote endpoint keeps its usual variable', async () => {
    assert.equal(await keyOf({ provider: 'openai-compatible', baseUrl: 'https://llm.example.com/v1' }), 'generic');
    assert.equal(await keyOf({ provider: 'ollama', baseUrl: 'https://ollama.com' }), 'ollama-cloud');
  });
});
