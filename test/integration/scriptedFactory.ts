/**
 * The set-up the integration tests that run the pipeline share: Factory activated, the fake model
 * server listening, every role pointed at it in the workspace's settings, their prices in the User
 * settings, a key for it in SecretStorage, and its endpoint allowed; `close()` takes all of it back.
 * The installed VSIX has no testing API: there the key is not stored (the local server needs none)
 * and the endpoint question is not answered (its test files skip what needs it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Journalled } from '../../src/core/pipeline/journal/events';
import { keyNeed } from '../../src/core/providers/keys';
import type { FactoryApi } from '../../src/vscode/extension';
import { modelOf, SCRIPTED_PRICE, SCRIPTED_ROLES } from '../e2e/pipelineScenario';
import { FakeLlm } from '../fakes/fakeLlm';

export interface ScriptedFactory {
  factory: FactoryApi;
  fake: FakeLlm;
  /** The first workspace folder's path. */
  root: string;
  /** The key stored for the fake server (when the testing API could store it). */
  key: string;
  /** The journal of run `id` of the folder `dir` (default: the workspace folder). */
  journal(id: string, dir?: string): Journalled[];
  /** Every setting, secret and answer the set-up made taken back, the fake closed. */
  close(): Promise<void>;
}

export const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('factory');
const Workspace = vscode.ConfigurationTarget.Workspace;
const Global = vscode.ConfigurationTarget.Global;

/** Factory as the tests drive it (activated here if no test did yet). */
export async function activeFactory(): Promise<FactoryApi> {
  const ext = vscode.extensions.getExtension<FactoryApi>('factory-dev.factory');
  if (!ext) throw new Error('the Factory extension is not installed in this host');
  return ext.isActive ? ext.exports : ext.activate();
}

/** `commandTimeoutS`: the run's commands' time limit (the tests' runs run the scripted project's tests). */
export async function scriptedFactory(key: string, opts: { commandTimeoutS?: number } = {}): Promise<ScriptedFactory> {
  const factory = await activeFactory();
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) throw new Error('the integration host opened no workspace folder');
  const fake = new FakeLlm();
  await fake.listen();
  const baseUrl = `${fake.url}/v1`;
  // The workspace's settings point every role at the fake; the prices are the user's (User settings only).
  for (const role of SCRIPTED_ROLES) await cfg().update(`roles.${role}`, { provider: 'openai-compatible', model: modelOf(role), baseUrl }, Workspace);
  await cfg().update('providers.prices', Object.fromEntries(SCRIPTED_ROLES.map((r) => [`openai-compatible:${modelOf(r)}`, SCRIPTED_PRICE])), Global);
  if (opts.commandTimeoutS !== undefined) await cfg().update('limits.commandTimeoutS', opts.commandTimeoutS, Workspace);
  const account = keyNeed({ provider: 'openai-compatible', model: modelOf('ceo'), baseUrl }).account;
  await factory.testing?.storeApiKey(account, key);
  factory.testing?.answerEndpointQuestions(async () => 'allow');
  return {
    factory,
    fake,
    root,
    key,
    journal: (id, dir = root) =>
      readFileSync(join(dir, '.factory', 'runs', id, 'journal.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Journalled),
    close: async () => {
      for (const role of SCRIPTED_ROLES) await cfg().update(`roles.${role}`, undefined, Workspace);
      await cfg().update('providers.prices', undefined, Global);
      if (opts.commandTimeoutS !== undefined) await cfg().update('limits.commandTimeoutS', undefined, Workspace);
      await factory.testing?.storeApiKey(account, undefined);
      await factory.testing?.forgetEndpointAnswers();
      factory.testing?.answerGateQuestions(undefined);
      factory.testing?.answerQuestions(undefined);
      await fake.close();
    },
  };
}

/** Waits until `get` gives a truthy value (polling), and returns it. */
export async function until<T>(get: () => T | Promise<T>, what: string, timeoutMs = 60000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
