import * as vscode from 'vscode';
import { compatibleAccount } from '../core/providers/presets';
import type { Asker, Choice } from './asker';
import { keyChoices, knownAccounts, type KeyChoice } from './keyChoices';
import { secretName } from './secretKeys';

/** The accounts among those Set API Key lists that have a key in SecretStorage. */
export async function storedAccounts(secrets: vscode.SecretStorage): Promise<Set<string>> {
  const accounts = knownAccounts();
  const found = await Promise.all(accounts.map(async (a) => ((await secrets.get(secretName(a)))?.trim() ? a : undefined)));
  return new Set(found.filter((a): a is string => a !== undefined));
}

type KeyItem = Choice & Pick<KeyChoice, 'account'>;

async function askAccount(ask: Asker, secrets: vscode.SecretStorage): Promise<{ account: string; label: string } | undefined> {
  const items: KeyItem[] = keyChoices(await storedAccounts(secrets)).map((c) => ({ label: c.label, description: c.description, group: c.group, account: c.account }));
  const pick = await ask.pick({ title: 'Factory: Set API Key', placeHolder: 'Which service is the key for? ($(check): a key is stored)', items, matchOnDescription: true });
  if (!pick) return undefined;
  if (pick.account) return { account: pick.account, label: pick.label };
  const url = await ask.input({
    title: 'Factory: Set API Key',
    prompt: 'The base URL of the OpenAI-compatible service, as in the role settings',
    placeHolder: 'https://example.com/v1',
    validate: (v) => (URL.canParse(v.trim()) ? undefined : 'a URL such as https://example.com/v1'),
  });
  return url ? { account: compatibleAccount(url.trim()), label: url.trim() } : undefined;
}

/**
 * "Factory: Set API Key": the key goes to SecretStorage (the OS keychain), never to settings or logs.
 * Each OpenAI-compatible service has its own key. An empty input removes a stored key. Returns the
 * account and what was done, or undefined if the person cancelled.
 */
export async function setApiKey(ask: Asker, secrets: vscode.SecretStorage, account?: string): Promise<{ account: string; label: string; removed: boolean } | undefined> {
  const target = account ? { account, label: account } : await askAccount(ask, secrets);
  if (!target) return undefined;
  const stored = Boolean((await secrets.get(secretName(target.account)))?.trim());
  const key = await ask.input({
    title: `API key for ${target.label}`,
    prompt: stored ? 'A key is stored. Type a new one to replace it, or leave empty to remove it.' : 'Stored in VS Code secret storage (your system keychain), never in settings.',
    password: true,
  });
  if (key === undefined) return undefined;
  if (key.trim() === '') await secrets.delete(secretName(target.account));
  else await secrets.store(secretName(target.account), key.trim());
  return { ...target, removed: key.trim() === '' };
}
