import assert from 'node:assert/strict';
import { mergeLayers } from '../../../src/core/config/layers';
import { resolveConfig } from '../../../src/core/config/resolve';
import { EndpointApprovals, workspaceEndpoints, type EndpointAnswer, type WorkspaceEndpoint } from '../../../src/core/providers/endpointApprovals';
import { envKeys } from '../../../src/core/providers/envKeys';
import { ProviderError } from '../../../src/core/providers/errors';
import { Gateway } from '../../../src/core/providers/gateway';
import { FakeLlm } from '../../fakes/fakeLlm';

/** A Memento-like store, as VS Code's workspaceState. */
function memory(): { get(key: string): unknown; update(key: string, value: unknown): Promise<void>; data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (k) => data.get(k), update: async (k, v) => void data.set(k, v) };
}

/** A person answering the modal from a script; records what they were asked. */
function person(...answers: (EndpointAnswer | undefined)[]) {
  const asked: WorkspaceEndpoint[] = [];
  const ask = async (e: WorkspaceEndpoint): Promise<EndpointAnswer | undefined> => {
    asked.push(e);
    return answers.length > 1 ? answers.shift() : answers[0];
  };
  return { asked, ask };
}

// VS Code: a keyed endpoint from workspace settings is used only once the user allowed it.
describe('endpoints chosen by workspace settings', () => {
  const collector = 'https://collector.example/v1';

  describe('which endpoints need the user to allow them', () => {
    const resolved = (layers: Record<string, unknown>[]) => {
      const r = resolveConfig(mergeLayers(layers));
      assert.ok(r.ok, JSON.stringify(r));
      return r.config.roles;
    };

    it('a keyed baseUrl set only in workspace settings, named by every setting that uses it', () => {
      const workspace = {
        roles: {
          ceo: { provider: 'anthropic', model: 'a', baseUrl: `${collector}/x` },
          qc: { provider: 'openai', model: 'b', fallbacks: [{ provider: 'anthropic', model: 'c', baseUrl: collector }] },
        },
      };
      const endpoints = workspaceEndpoints({ user: [], workspace: [workspace], roles: resolved([workspace]), settingPrefix: 'factory.' });
      assert.deepEqual(endpoints, [
        { provider: 'anthropic', origin: 'https://collector.example', keyName: 'Anthropic key', settings: ['factory.roles.ceo.baseUrl', 'factory.roles.qc.fallbacks.0.baseUrl'] },
      ]);
    });

    it('not one the user set for the same provider, not a keyless local one, not one overridden away', () => {
      const user = { roles: { ceo: { provider: 'anthropic', model: 'a', baseUrl: collector } } };
      const workspace = {
        roles: {
          qc: { provider: 'anthropic', model: 'b', baseUrl: collector },
          assistant: { provider: 'ollama', model: 'phi4', baseUrl: 'http://127.0.0.1:11434' },
          twin: { provider: 'openai', model: 'o3', baseUrl: 'https://other.example/v1' },
        },
      };
      const folder = { roles: { twin: { provider: 'google', model: 'gemini-2.5-flash' } } };
      const endpoints = workspaceEndpoints({ user: [user], workspace: [workspace, folder], roles: resolved([user, workspace, folder]), settingPrefix: '' });
      assert.deepEqual(endpoints, []);
    });

    it('the same host for another provider is another endpoint: each key is allowed on its own', () => {
      const user = { roles: { ceo: { provider: 'openai', model: 'a', baseUrl: collector } } };
      const workspace = { roles: { qc: { provider: 'anthropic', model: 'b', baseUrl: collector } } };
      const endpoints = workspaceEndpoints({ user: [user], workspace: [workspace], roles: resolved([user, workspace]), settingPrefix: '' });
      assert.deepEqual(endpoints.map((e) => [e.provider, e.origin]), [['anthropic', 'https://collector.example']]);
    });
  });

  describe('asking once, remembering the answer for the workspace', () => {
    const endpoint: WorkspaceEndpoint = { provider: 'anthropic', origin: 'https://collector.example', keyName: 'Anthropic key', settings: ['factory.roles.ceo.baseUrl'] };

    it('asks once; an allow is remembered and never asked again', async () => {
      const state = memory();
      const p = person('allow');
      assert.deepEqual(await new EndpointApprovals(state, p.ask).refusals([endpoint]), []);
      assert.deepEqual(await new EndpointApprovals(state, p.ask).refusals([endpoint]), [], 'a later session of the same workspace');
      assert.equal(p.asked.length, 1);
    });

    it('a refusal is remembered too, and says which setting, where the key would have gone and what to do', async () => {
      const state = memory();
      const p = person('deny');
      const approvals = new EndpointApprovals(state, p.ask);
      const [first] = await approvals.refusals([endpoint]);
      const [second] = await approvals.refusals([endpoint]);
      assert.equal(p.asked.length, 1);
      for (const message of [first, second]) {
        assert.match(message ?? '', /factory\.roles\.ceo\.baseUrl/);
        assert.match(message ?? '', /your Anthropic key to https:\/\/collector\.example/);
        assert.match(message ?? '', /you declined it for this workspace/);
        assert.match(message ?? '', /Nothing was sent/);
        assert.match(message ?? '', /user settings/);
      }
    });

    it('a dismissed question refuses this time and is asked again next time', async () => {
      const p = person(undefined, 'allow');
      const approvals = new EndpointApprovals(memory(), p.ask);
      const [refused] = await approvals.refusals([endpoint]);
      assert.match(refused ?? '', /not allowed/);
      assert.deepEqual(await approvals.refusals([endpoint]), []);
      assert.equal(p.asked.length, 2);
    });

    it('calls at the same moment share one question', async () => {
      const p = person('allow');
      const approvals = new EndpointApprovals(memory(), p.ask);
      await Promise.all([approvals.refusals([endpoint]), approvals.refusals([endpoint]), approvals.refusals([endpoint])]);
      assert.equal(p.asked.length, 1);
    });

    it('forgets every answer when told to', async () => {
      const p = person('deny', 'allow');
      const approvals = new EndpointApprovals(memory(), p.ask);
      assert.equal((await approvals.refusals([endpoint])).length, 1);
      await approvals.forget();
      assert.deepEqual(await approvals.refusals([endpoint]), []);
    });
  });

  describe('the gateway sends nothing to an endpoint that was not allowed', () => {
    const fake = new FakeLlm();
    before(() => fake.listen());
    afterEach(() => fake.reset());
    after(() => fake.close());

    async function call(answer: EndpointAnswer | undefined) {
      const workspace = { roles: { ceo: { provider: 'anthropic', model: 'claude-x', baseUrl: fake.url } } };
      const r = resolveConfig(workspace);
      assert.ok(r.ok);
      const p = person(answer);
      const approvals = new EndpointApprovals(memory(), p.ask);
      const endpoints = workspaceEndpoints({ user: [], workspace: [workspace], roles: r.config.roles, settingPrefix: 'factory.' });
      const gateway = new Gateway({
        roles: r.config.roles,
        keys: envKeys({ ANTHROPIC_API_KEY: 'sk-secret' }),
        endpointGuard: approvals.guard(endpoints),
        retry: { retries: 0 },
      });
      fake.script('hello');
      const outcome = await gateway.complete('ceo', { messages: [{ role: 'user', content: 'hi' }] }).then(
        (record) => record,
        (e: unknown) => e,
      );
      return { outcome, asked: p.asked.length };
    }

    for (const answer of ['deny', undefined] as const) {
      it(`${answer === 'deny' ? 'declined' : 'dismissed'}: the role refuses with the reason, and no request is made`, async () => {
        const { outcome, asked } = await call(answer);
        assert.equal(asked, 1);
        assert.ok(outcome instanceof ProviderError && outcome.kind === 'config', String(outcome));
        assert.match(outcome.message, /factory\.roles\.ceo\.baseUrl/);
        assert.equal(fake.requests().length, 0);
      });
    }

    it('allowed: the call goes there, with the key', async () => {
      const { outcome, asked } = await call('allow');
      assert.equal(asked, 1);
      assert.ok(!(outcome instanceof Error), String(outcome));
      assert.equal(fake.requests().length, 1);
      assert.ok(Object.values(fake.requests()[0]?.headers ?? {}).some((v) => v.includes('sk-secret')), 'the key went with it');
    });
  });
});
