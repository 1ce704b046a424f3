import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { keyNeed } from '../../../src/core/providers/keys';
import { secretKeys, secretName } from '../../../src/vscode/secretKeys';

// Keys as the extension finds them: one SecretStorage entry per account.
describe('API keys from SecretStorage', () => {
  const stored = new Map<string, string>();
  const secrets = {
    get: async (k: string) => stored.get(k),
    store: async (k: string, v: string) => void stored.set(k, v),
    delete: async (k: string) => void stored.delete(k),
    onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
  } as unknown as vscode.SecretStorage;

  it('finds each OpenAI-compatible service its own key, and says how to set a missing one', async () => {
    stored.set(secretName('openai-compatible:moonshot'), ' kimi-key ');
    stored.set(secretName('anthropic'), 'ant-key');
    const keys = secretKeys(secrets);
    const kimi = keyNeed({ provider: 'openai-compatible', model: 'kimi-k2', baseUrl: 'https://api.moonshot.ai/v1' });
    const deepseek = keyNeed({ provider: 'openai-compatible', model: 'deepseek-chat', baseUrl: 'https://api.deepseek.com/v1' });
    assert.equal(await keys.findKey(kimi), 'kimi-key');
    assert.equal(await keys.findKey(deepseek), undefined);
    assert.equal(await keys.findKey(keyNeed({ provider: 'anthropic', model: 'x' })), 'ant-key');
    assert.equal(keys.howToSet(deepseek), 'run "Factory: Set API Key" and choose DeepSeek (OpenAI-compatible)');
  });

});
