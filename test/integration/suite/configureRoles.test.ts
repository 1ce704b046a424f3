import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AskedQuestion } from '../../../src/vscode/asker';
import type { FactoryApi } from '../../../src/vscode/extension';
import type { CommandOutcome } from '../../../src/vscode/outcome';

/** Answers each question by its text: the first rule whose pattern matches gives the label or text. */
function script(rules: [RegExp, string | undefined][], asked: AskedQuestion[]): (q: AskedQuestion) => string | undefined {
  return (q) => {
    asked.push(q);
    return rules.find(([pattern]) => pattern.test(`${q.title} | ${q.text}`))?.[1];
  };
}

// "Factory: Configure Roles" and "Factory: Set API Key" in a real host, their quick picks answered
// through the extension's test seam (VS Code cannot drive a quick pick from a test).
describe('Configure Roles and Set API Key', function () {
  this.timeout(60000);
  let factory: FactoryApi;
  const cfg = () => vscode.workspace.getConfiguration('factory');
  const userValue = (role: string): unknown => cfg().inspect(`roles.${role}`)?.globalValue;

  before(async function () {
    const ext = vscode.extensions.getExtension<FactoryApi>('factory-dev.factory');
    assert.ok(ext);
    factory = ext.isActive ? ext.exports : await ext.activate();
    // The installed VSIX has no test seam: these run in the development host.
    if (!factory.testing) this.skip();
  });
  afterEach(async () => {
    factory.testing?.answerQuestions(undefined);
    for (const role of ['qc', 'junior']) await cfg().update(`roles.${role}`, undefined, vscode.ConfigurationTarget.Global);
    await factory.testing?.storeApiKey('openai', undefined);
  });

  it('role → provider → model writes the User setting; a missing key is asked for, and Later says how to set it', async () => {
    const asked: AskedQuestion[] = [];
    factory.testing?.answerQuestions(
      script(
        [
          [/Which role/, 'Quality reviewer (qc)'],
          [/Which provider/, 'OpenAI'],
          [/Which model/, 'gpt-5-mini'],
          [/No API key for OpenAI is stored/, 'Later'],
        ],
        asked,
      ),
    );
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.configureRoles');
    assert.equal(outcome.status, 'done', outcome.detail);
    assert.deepEqual(userValue('qc'), { provider: 'openai', model: 'gpt-5-mini' });
    assert.match(outcome.detail, /now uses openai:gpt-5-mini \(User settings\)/);
    assert.match(outcome.detail, /No API key for OpenAI is stored yet: run "Factory: Set API Key"/);
    // Each provider says whether it needs a key; VS Code's own models are offered.
    const providers = asked.find((q) => /Which provider/.test(q.text));
    assert.ok(providers);
    const state = (label: string): string => providers.descriptions[providers.labels.indexOf(label)] ?? '(not offered)';
    assert.match(state('OpenAI'), /needs a key/);
    assert.match(state('LM Studio'), /no key needed/);
    assert.match(state('Ollama on this machine'), /no key needed/);
    assert.match(state("VS Code's language models"), /no key needed/);
  });

  it('offers "Set the API key now" when the key is missing, and with it stored says nothing more', async () => {
    factory.testing?.answerQuestions(
      script(
        [
          [/Which role/, 'Junior (junior)'],
          [/Which provider/, 'OpenAI'],
          [/Which model/, 'gpt-5-mini'],
          [/Set it now/, 'Set the API key now'],
          [/API key for openai/, 'sk-configure-roles-test'],
        ],
        [],
      ),
    );
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.configureRoles');
    assert.equal(outcome.status, 'done', outcome.detail);
    assert.doesNotMatch(outcome.detail, /No API key/);
    assert.deepEqual(userValue('junior'), { provider: 'openai', model: 'gpt-5-mini' });
  });

  it('a vscode-lm model can be chosen for a role (typed when no extension offers one here)', async () => {
    const asked: AskedQuestion[] = [];
    factory.testing?.answerQuestions(
      script(
        [
          [/Which role/, 'Junior (junior)'],
          [/Which provider/, "VS Code's language models"],
          [/Which model/, 'copilot-gpt-4o'],
        ],
        asked,
      ),
    );
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.configureRoles');
    assert.equal(outcome.status, 'done', outcome.detail);
    assert.deepEqual(userValue('junior'), { provider: 'vscode-lm', model: 'copilot-gpt-4o' });
    assert.ok(asked.some((q) => /no extension offers a model here/.test(q.text)), 'says why the list is empty');
  });

  it('closing a question changes nothing', async () => {
    factory.testing?.answerQuestions(script([[/Which role/, 'Quality reviewer (qc)']], []));
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('factory.configureRoles');
    assert.equal(outcome.status, 'cancelled');
    assert.equal(userValue('qc'), undefined);
  });

  it('Set API Key stores a secret that no setting and no log line holds, shows it as stored, and an empty key removes it', async () => {
    const KEY = 'sk-set-api-key-integration-secret';
    const asked: AskedQuestion[] = [];
    factory.testing?.answerQuestions(script([[/Which service/, 'OpenAI'], [/API key for OpenAI/, KEY]], asked));
    const stored = await vscode.commands.executeCommand<CommandOutcome>('factory.setApiKey');
    assert.equal(stored.status, 'done', stored.detail);
    assert.equal(stored.target, 'openai');
    assert.ok(!JSON.stringify(cfg()).includes(KEY), 'not in any setting');
    for (const scope of ['globalValue', 'workspaceValue'] as const) {
      for (const key of Object.keys(cfg())) assert.ok(!JSON.stringify(cfg().inspect(key)?.[scope] ?? null).includes(KEY));
    }
    assert.ok(!factory.log.snapshot().some((e) => e.message.includes(KEY)), 'not in the log');
    // The next Set API Key shows the state: OpenAI stored, the local servers needing none.
    const next: AskedQuestion[] = [];
    factory.testing?.answerQuestions(script([[/Which service/, 'OpenAI'], [/API key for OpenAI/, '']], next));
    const removed = await vscode.commands.executeCommand<CommandOutcome>('factory.setApiKey');
    const services = next[0];
    assert.ok(services);
    assert.match(services.descriptions[services.labels.indexOf('OpenAI')] ?? '', /key stored/);
    assert.match(services.descriptions[services.labels.indexOf('Anthropic')] ?? '', /no key yet/);
    for (const local of ['LM Studio', 'vLLM', 'Ollama']) assert.match(services.descriptions[services.labels.indexOf(local)] ?? '', /no key needed/, local);
    assert.match(next[1]?.text ?? '', /A key is stored/);
    assert.equal(removed.status, 'done');
    assert.match(removed.detail, /^Key removed for OpenAI/);
  });
});
