/** API keys for the extension: from SecretStorage, where "Factory: Set API Key" puts them. */
import type * as vscode from 'vscode';
import type { KeyRequest, KeysPort } from '../core/ports';

/** The SecretStorage entry of one key account (KeyRequest.account). */
export const secretName = (account: string): string => `factory.apiKey.${account}`;

export function secretKeys(secrets: vscode.SecretStorage): KeysPort {
  return {
    findKey: async (request: KeyRequest) => (await secrets.get(secretName(request.account)))?.trim() || undefined,
    howToSet: (request: KeyRequest) => `run "Factory: Set API Key" and choose ${request.label}`,
  };
}
