import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { outputLine } from '../../../src/core/log/outputLine';
import type { Journalled } from '../../../src/core/pipeline/journal/events';
import { journalLog } from '../../../src/core/pipeline/report/journalLog';
import { keyNeed } from '../../../src/core/providers/keys';
import type { FactoryApi } from '../../../src/vscode/extension';
import type { CommandOutcome } from '../../../src/vscode/outcome';
import { modelOf, scenarioReply, scenarioRoutes, SCRIPTED_PRICE, SCRIPTED_ROLES, SCRIPTED_USAGE } from '../../e2e/pipelineScenario';
import { FakeLlm } from '../../fakes/fakeLlm';

const REQUEST = 'a slugify library with tests';

async function until<T>(get: () => T | Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 60000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True when `sub` appears in `all` in order (other lines may come between). */
function inOrder(all: readonly string[], sub: readonly string[]): string | undefined {
  let i = 0;
  for (const line of sub) {
    while (i < all.length && all[i] !== line) i++;
    if (i === all.length) return line;
    i++;
  }
  return undefined;
}

// Issue 10, items 2 and 6, in a real VS Code: while a run goes, the dashboard's log shows the model's
// text as it streams; the progress notification's Cancel stops the run resumably (the stream too);
// the "Factory" Output channel has every line of the dashboard's log as text.
describe('A run followed live: streamed text on the dashboard, the progress notification, the Output channel', function () {
  this.timeout(240000);
  const fake = new FakeLlm();
  const cfg = () => vscode.workspace.getConfiguration('factory');
  const Workspace = vscode.ConfigurationTarget.Workspace;
  const Global = vscode.ConfigurationTarget.Global;
  let factory: FactoryApi;
  let root: string;
  let keep: Set<string>;
  let account: string;
  const journal = (id: string): Journalled[] =>
    readFileSync(join(root, '.factory', 'runs', id, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Journalled);

  before(async function () {
    const ext = vscode.extensions.getExtension<FactoryApi>('factory-dev.factory');
    assert.ok(ext);
    factory = ext.isActive ? ext.exports : await ext.activate();
    // The progress notification and the Output channel are watched through the test-mode API (not in the installed VSIX).
    if (!factory.testing) this.skip();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    root = folder.uri.fsPath;
    await fake.listen();
    const baseUrl = `${fake.url}/v1`;
    for (const role of SCRIPTED_ROLES) await cfg().update(`roles.${role}`, { provider: 'openai-compatible', model: modelOf(role), baseUrl }, Workspace);
    await cfg().update('providers.prices', Object.fromEntries(SCRIPTED_ROLES.map((r) => [`openai-compatible:${modelOf(r)}`, SCRIPTED_PRICE])), Global);
    await cfg().update('limits.commandTimeoutS', 60, Workspace);
    account = keyNeed({ provider: 'openai-compatible', model: modelOf('ceo'), baseUrl }).account;
    await factory.testing.storeApiKey(account, 'sk-live-run-key');
    factory.testing.answerEndpointQuestions(async () => 'allow');
    keep = new Set(readdirSync(root));
  });
  after(async () => {
    if (!factory?.testing) return;
    for (const role of SCRIPTED_ROLES) await cfg().update(`roles.${role}`, undefined, Workspace);
    await cfg().update('providers.prices', undefined, Global);
    await cfg().update('limits.commandTimeoutS', undefined, Workspace);
    await factory.testing.storeApiKey(account, undefined);
    await factory.testing.forgetEndpointAnswers();
    await fake.close();
    for (const f of readdirSync(root)) if (!keep.has(f)) rmSync(join(root, f), { recursive: true, force: true });
  });

  it("the blueprint's text shows on the dashboard as it streams, also after a reload; the notification's Cancel stops the run and its stream, resumable; the Output channel has every log line", async () => {
    const testing = factory.testing;
    assert.ok(testing);
    // The blueprint comes slowly: 40 pieces a quarter of a second apart (10 s), the rest of the run at once.
    const blueprint = scenarioReply('blueprint');
    const size = Math.ceil(blueprint.length / 40);
    const chunks = Array.from({ length: Math.ceil(blueprint.length / size) }, (_, i) => blueprint.slice(i * size, (i + 1) * size));
    fake.route({ match: { role: 'ceo', step: 'blueprint' }, reply: { text: blueprint, chunks, usage: SCRIPTED_USAGE, delayMs: 250 }, times: 1 }, ...scenarioRoutes());
    // A page of its own, loaded now (the files before may have left the view hidden or half-loaded).
    const before = factory.dashboard.readies;
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('factory.openDashboard');
    await factory.dashboard.whenReady(30000, before);
    const writtenBefore = testing.outputLines().length;

    const running = vscode.commands.executeCommand<CommandOutcome>('factory.build', REQUEST);
    const first = await until(() => factory.dashboard.ping(10000), (s) => s.live.length > 0, 'streamed text on the dashboard');
    assert.ok(blueprint.startsWith(first.live), `the dashboard shows the blueprint's first words: ${JSON.stringify(first.live.slice(0, 80))}`);
    const grown = await until(() => factory.dashboard.ping(10000), (s) => s.live.length > first.live.length, 'the text growing');
    assert.ok(blueprint.startsWith(grown.live));
    assert.ok(grown.live.length < blueprint.length, 'seen before the whole answer came');
    const runs = readdirSync(join(root, '.factory', 'runs'));
    const id = runs[runs.length - 1];
    assert.ok(id);
    assert.equal(
      journal(id).some((e) => e.type === 'effect.done' && e.key === 'call:blueprint'),
      false,
      'the call had not ended when its text was on the dashboard',
    );

    // The view hidden and shown again mid-answer: the new page gets the text so far under the call's line.
    const loads = factory.dashboard.readies;
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('factory.openDashboard');
    await factory.dashboard.whenReady(30000, loads);
    const reloaded = await until(() => factory.dashboard.ping(10000), (s) => s.live.length >= grown.live.length, 'the text so far after a reload');
    assert.ok(blueprint.startsWith(reloaded.live));

    // The progress notification: what the run is, with a Cancel that stops it.
    const progress = testing.progress();
    assert.deepEqual(progress && { title: progress.title, notification: progress.notification, cancellable: progress.cancellable }, { title: 'Factory: building', notification: true, cancellable: true });
    const cancelledAt = Date.now();
    assert.equal(testing.cancelProgress(), true);
    const stopped = await running;
    assert.ok(Date.now() - cancelledAt < 5000, `the run stopped ${Date.now() - cancelledAt} ms after Cancel, not after the answer`);
    assert.equal(stopped.status, 'done', stopped.detail);
    assert.equal(stopped.run?.state, 'stopped', stopped.detail);
    assert.match(stopped.detail, /cancelled/);
    assert.equal(testing.progress(), undefined, 'the notification closed');
    const events = journal(id);
    const end = events.at(-1);
    assert.ok(end?.type === 'end' && end.state === 'stopped' && /cancelled/.test(end.reason), JSON.stringify(end));
    assert.equal(events.some((e) => e.type === 'effect.done' && e.key === 'call:blueprint'), false, 'the partial blueprint is not an answer');
    assert.equal((await factory.dashboard.ping(10000)).live, '', 'the interrupted text went with its call (as a reload from the journal shows it)');
    assert.equal(testing.notices().at(-1)?.text.startsWith('Stopped (resumable)'), true, testing.notices().at(-1)?.text);
    await until(() => testing.contextKeys()['factory.canResume'], (v) => v === true, 'Resume offered');

    // Resumed, the blueprint is asked again and the run ships.
    const resumed = await vscode.commands.executeCommand<CommandOutcome>('factory.resume', id);
    assert.equal(resumed.run?.state, 'shipped', resumed.detail);
    assert.equal(fake.requests().filter((r) => r.dac?.step === 'blueprint').length, 2);

    // The Output channel has every line of the dashboard's log of this run, in order, one line each.
    const written = testing.outputLines().slice(writtenBefore).map((l) => l.replace(/^(debug|info|warn|error) /, ''));
    const lines = journalLog(journal(id)).map(outputLine);
    assert.ok(lines.length > 50);
    const missing = inOrder(written, lines);
    assert.equal(missing, undefined, `not in the Output channel (in order): ${missing}\nwritten:\n${written.slice(0, 40).join('\n')}`);
    assert.ok(written.every((l) => !l.includes('\n')));
  });
});
