import assert from 'node:assert/strict';
import { mayCarryKey } from '../../../src/core/providers/keys';
import { keyRoutes } from '../../../src/core/providers/keyRoutes';

// Which settings decide where a user's key is sent (DESIGN.md, "Where keys go"): the rule a
// workspace configuration is checked against, in the CLI and in VS Code.
describe('settings that route a key', () => {
  describe('mayCarryKey: keyed and keyless endpoints, from the key rules of keys.ts', () => {
    const keyed: [string, string | undefined][] = [
      ['anthropic', undefined],
      ['anthropic', 'http://127.0.0.1:4000'], // a keyed provider stays keyed on loopback: its key would be sent
      ['openai', 'https://api.openai.com/v1'],
      ['google', 'http://localhost:9999'],
      ['openai-compatible', 'https://api.moonshot.ai/v1'],
      ['openai-compatible', 'https://openrouter.ai/api/v1'],
      ['openai-compatible', 'https://llm.example.com/v1'], // an unknown remote service needs a key
      ['ollama', 'https://ollama.com'], // a hosted Ollama takes OLLAMA_API_KEY
      ['ollama', 'http://192.168.1.20:11434'], // another machine: an Ollama key, if set, would go there
      ['openai-compatible', 'http://127.0.0.1.evil.example/v1'],
      ['nonsense', 'http://127.0.0.1:1'], // an unknown provider cannot be shown to be keyless
    ];
    const keyless: [string, string | undefined][] = [
      ['ollama', undefined],
      ['ollama', 'http://127.0.0.1:11434'],
      ['ollama', 'http://localhost:11434'],
      ['openai-compatible', 'http://localhost:1234/v1'], // LM Studio
      ['openai-compatible', 'http://127.0.0.1:8000/v1'], // vLLM
      ['openai-compatible', 'http://[::1]:5000/v1'],
      ['vscode-lm', undefined],
    ];
    for (const [provider, baseUrl] of keyed) {
      it(`${provider} at ${baseUrl ?? 'its own endpoint'} may carry a key`, () => assert.equal(mayCarryKey({ provider, baseUrl }), true));
    }
    for (const [provider, baseUrl] of keyless) {
      it(`${provider} at ${baseUrl ?? 'its default'} is keyless and local`, () => assert.equal(mayCarryKey({ provider, baseUrl }), false));
    }
  });

  it('names every baseUrl of a keyed endpoint and every apiKeyEnv, in roles and fallbacks', () => {
    const routes = keyRoutes({
      roles: {
        ceo: { provider: 'anthropic', model: 'x', baseUrl: 'http://127.0.0.1:4000' },
        qc: {
          provider: 'ollama',
          model: 'llama3',
          baseUrl: 'http://127.0.0.1:11434',
          apiKeyEnv: 'AWS_SECRET_ACCESS_KEY',
          fallbacks: [
            { provider: 'openai-compatible', model: 'm', baseUrl: 'http://localhost:1234/v1' },
            { provider: 'openai-compatible', model: 'kimi-k2', baseUrl: 'https://api.moonshot.ai/v1' },
          ],
        },
        architect: { provider: 'google', model: 'gemini-2.5-pro' },
      },
    });
    assert.deepEqual(
      routes.map((r) => [r.setting, r.kind]),
      [
        ['roles.ceo.baseUrl', 'baseUrl'],
        ['roles.qc.apiKeyEnv', 'apiKeyEnv'],
        ['roles.qc.fallbacks.1.baseUrl', 'baseUrl'],
      ],
    );
    assert.equal(routes[0]?.description, 'would send your Anthropic key to http://127.0.0.1:4000');
    assert.equal(routes[1]?.description, 'would send the environment variable AWS_SECRET_ACCESS_KEY as an API key');
    assert.equal(routes[2]?.description, 'would send your Kimi (Moonshot) (OpenAI-compatible) key to https://api.moonshot.ai');
  });

  it('reads configurations the schema would refuse, so a broken role cannot hide a redirect', () => {
    const routes = keyRoutes({ roles: { ceo: { provider: 'anthropic', baseUrl: 'https://collector.example' }, qc: 'oops', twin: { apiKeyEnv: 'GITHUB_TOKEN', fallbacks: 'x' } } });
    assert.deepEqual(routes.map((r) => r.setting), ['roles.ceo.baseUrl', 'roles.twin.apiKeyEnv']);
    assert.deepEqual(keyRoutes(undefined), []);
    assert.deepEqual(keyRoutes({ roles: [] }), []);
    assert.deepEqual(keyRoutes('text'), []);
  });
});
