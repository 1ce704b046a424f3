import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EndpointApprovals, type EndpointAnswer, type WorkspaceEndpoint } from '../../../src/core/providers/endpointApprovals';
import { ProviderError } from '../../../src/core/providers/errors';
import { createExtensionGateway } from '../../../src/vscode/providers/extensionGateway';
import { secretName } from '../../../src/vscode/secretKeys';
import { readSettings } from '../../../src/vscode/settings';
import type { FactoryApi } from '../../../src/vscode/extension';
import type { CommandOutcome } from '../../../src/vscode/outcome';
import { FakeLlm } from '../../fakes/fakeLlm';

const KEY = 'sk-ant-integration-secret';

/** SecretStorage holding one Anthropic key, as "Factory: Set API Key" leaves it. */
const secrets = {
  get: async (name: string) => (name === secretName('anthropic') ? KEY : undefined),
} as unknown as vscode.SecretStorage;

/** Memento-like workspace state for the approvals the test builds itself. */
function memory() {
  const data = new Map<string, unknown>();
  return { get: (k: string) => data.get(k), update: async (k: string, v: unknown) => void data.set(k, v) };
}

// DESIGN.md, "Where keys go", in a real host: a baseUrl from WORKSPACE settings (this workspace is
// trusted) is not used for a keyed provider until the user allows that host for that provider.
describe('keys and endpoints from workspace settings', () => {
  const listener = new FakeLlm();
  const cfg = () => vscode.workspace.getConfiguration('factory');
  const ceoAt = (url: string, provider = 'anthropic') => ({ provider, model: 'claude-int', baseUrl: url });
  const keyArrived = () => listener.requests().some((r) => Object.values(r.headers).some((v) => v.includes(KEY)));

  // A run with a budget needs a price for every model (item 8): the user gives the listener's model one.
  const price = { 'anthropic:claude-int': { input: 1, output: 1 } };
  before(async () => {
    await listener.listen();
    await cfg().update('providers.prices', price, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await cfg().update('providers.prices', undefined, vscode.ConfigurationTarget.Global);
    await listener.close();
  });
  afterEach(async () => {
    listener.reset();
    await cfg().update('roles.ceo', undefined, vscode.ConfigurationTarget.Workspace);
    await cfg().update('roles.ceo', undefined, vscode.ConfigurationTarget.Global);
  });

  /** One call for the ceo role through the extension's gateway, the approval answered by `answers`. */
  async function callCeo(answers: (EndpointAnswer | undefined)[], state = memory()) {
    const settings = readSettings();
    assert.ok(settings.ok, JSON.stringify(settings));
    const asked: WorkspaceEndpoint[] = [];
    const approvals = new EndpointApprovals(state, async (e) => {
      asked.push(e);
      return answers.shift();
    });
    const gateway = createExtensionGateway({ secrets, config: settings.config, workspaceEndpoints: settings.workspaceEndpoints, approvals });
    listener.script('hello from the listener');
    const outcome = await gateway.complete('ceo', { messages: [{ role: 'user', content: 'hi' }] }).then(
      (r) => r,
      (e: unknown) => e,
    );
    return { outcome, asked, endpoints: settings.workspaceEndpoints };
  }

  it('reads a workspace-scope baseUrl as an endpoint to ask about, naming the setting', async () => {
    await cfg().update('roles.ceo', ceoAt(listener.url), vscode.ConfigurationTarget.Workspace);
    const { workspaceEndpoints } = readSettings();
    assert.deepEqual(workspaceEndpoints, [{ provider: 'anthropic', origin: listener.url, keyName: 'Anthropic key', settings: ['factory.roles.ceo.baseUrl'] }]);
  });

  for (const [label, answer] of [
    ['declined', 'deny'],
    ['dismissed', undefined],
  ] as const) {
    it(`${label}: the ceo role refuses with the reason and the listener receives nothing`, async () => {
      await cfg().update('roles.ceo', ceoAt(listener.url), vscode.ConfigurationTarget.Workspace);
      const { outcome, asked } = await callCeo([answer]);
      assert.equal(asked.length, 1, 'asked once');
      assert.ok(outcome instanceof ProviderError && outcome.kind === 'config', String(outcome));
      assert.match(outcome.message, /factory\.roles\.ceo\.baseUrl/);
      assert.match(outcome.message, /Nothing was sent/);
      assert.equal(listener.requests().length, 0);
      assert.equal(keyArrived(), false);
    });
  }

  it('allowed: the call goes to the listener with the key, and the answer is not asked again', async () => {
    await cfg().update('roles.ceo', ceoAt(listener.url), vscode.ConfigurationTarget.Workspace);
    const state = memory();
    const first = await callCeo(['allow'], state);
    assert.ok(!(first.outcome instanceof Error), String(first.outcome));
    assert.equal(keyArrived(), true);
    const again = await callCeo([], state);
    assert.ok(!(again.outcome instanceof Error), String(again.outcome));
    assert.equal(again.asked.length, 0);
  });

  it('the same baseUrl in user settings is the user\'s choice: used without asking', async () => {
    await cfg().update('roles.ceo', ceoAt(listener.url), vscode.ConfigurationTarget.Global);
    const { outcome, asked, endpoints } = await callCeo([]);
    assert.deepEqual(endpoints, []);
    assert.equal(asked.length, 0);
    assert.ok(!(outcome instanceof Error), String(outcome));
    assert.equal(keyArrived(), true);
  });

  it('a workspace role keeps the endpoint of the user\'s role for the same provider, and a new provider never inherits it', async () => {
    await cfg().update('roles.ceo', ceoAt(listener.url), vscode.ConfigurationTarget.Global);
    await cfg().update('roles.ceo', { provider: 'anthropic', model: 'claude-other' }, vscode.ConfigurationTarget.Workspace);
    let s = readSettings();
    assert.ok(s.ok, JSON.stringify(s));
    assert.deepEqual([s.config.roles.ceo.model, s.config.roles.ceo.baseUrl], ['claude-other', listener.url]);
    // VS Code's own get() merges the objects; Factory does not carry one provider's endpoint to another.
    await cfg().update('roles.ceo', { provider: 'openai', model: 'gpt-4.1' }, vscode.ConfigurationTarget.Workspace);
    s = readSettings();
    assert.ok(s.ok, JSON.stringify(s));
    assert.equal(s.config.roles.ceo.baseUrl, undefined);
  });

  it('a keyless server on this machine from workspace settings is used without asking', async () => {
    await cfg().update('roles.ceo', ceoAt(listener.url, 'ollama'), vscode.ConfigurationTarget.Workspace);
    const { outcome, asked, endpoints } = await callCeo([]);
    assert.deepEqual(endpoints, []);
    assert.equal(asked.length, 0);
    assert.ok(!(outcome instanceof Error), String(outcome));
  });

  describe('the extension itself (its commands ask in a modal)', () => {
    let factory: FactoryApi;
    before(async function () {
      const ext = vscode.extensions.getExtension<FactoryApi>('factory-dev.factory');
      assert.ok(ext);
      factory = ext.isActive ? ext.exports : await ext.activate();
      // The answer hook exists only under VS Code's test runner: the installed VSIX has none.
      if (!factory.testing) this.skip();
    });
    afterEach(() => factory.testing?.forgetEndpointAnswers());

    it('asks once per workspace before a run; declined, the run is refused and nothing is sent', async () => {
      await cfg().update('roles.ceo', ceoAt(listener.url), vscode.ConfigurationTarget.Workspace);
      const asked: WorkspaceEndpoint[] = [];
      factory.testing?.answerEndpointQuestions(async (e) => {
        asked.push(e);
        return 'deny';
      });
      for (let i = 0; i < 2; i++) {
        const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.build', 'a slugify library');
        assert.equal(outcome.status, 'refused');
        assert.match(outcome.detail, /factory\.roles\.ceo\.baseUrl in the workspace settings would send your Anthropic key to http:\/\/127\.0\.0\.1:\d+, and you declined it/);
      }
      assert.equal(asked.length, 1, 'the answer is kept for the workspace');
      assert.equal(listener.requests().length, 0);
    });

    it('allowed, the run goes on to its next check (the keys)', async () => {
      await cfg().update('roles.ceo', ceoAt(listener.url), vscode.ConfigurationTarget.Workspace);
      factory.testing?.answerEndpointQuestions(async () => 'allow');
      const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.build', 'a slugify library');
      assert.equal(outcome.status, 'refused', outcome.detail);
      assert.doesNotMatch(outcome.detail, /declined/);
      assert.match(outcome.detail, /roles\.ceo: No API key for Anthropic/);
      assert.equal(listener.requests().length, 0);
    });
  });
});
