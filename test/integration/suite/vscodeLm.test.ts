import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resolveConfig } from '../../../src/core/config/resolve';
import { ProviderError } from '../../../src/core/providers/errors';
import { createExtensionGateway } from '../../../src/vscode/providers/extensionGateway';

// VS Code's own language models through the gateway, in a real host. code-server offers no chat
// model (no extension registers one), so what a person must see is a plain "not found", at once.
describe('vscode-lm provider in a real host', () => {
  const noSecrets = { get: async () => undefined } as unknown as vscode.SecretStorage;

  it('the host has the language model API, with no model offered here', async () => {
    assert.equal(typeof vscode.lm.selectChatModels, 'function');
    assert.deepEqual(await vscode.lm.selectChatModels({ id: 'factory-no-such-model' }), []);
  });

  it('a role on a model no extension offers fails at once, saying which model and what to do', async () => {
    // No budget: a VS Code model has no per-token price unless settings give one.
    const settings = resolveConfig({ roles: { qc: { provider: 'vscode-lm', model: 'factory-no-such-model' } }, limits: { budgetUsd: null } });
    assert.ok(settings.ok, JSON.stringify(settings));
    const gateway = createExtensionGateway({ secrets: noSecrets, config: settings.config });
    const started = Date.now();
    const err = await gateway.complete('qc', { messages: [{ role: 'user', content: 'DaC-Context: run=r1 role=qc step=review expect=review task=-\nhello' }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
    assert.equal(err.kind, 'not_found');
    assert.match(err.message, /factory-no-such-model/);
    assert.match(err.message, /set another model for this role/);
    assert.ok(Date.now() - started < 5000, 'not retried: a missing model does not come back');
  });
});
