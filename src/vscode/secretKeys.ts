/** API keys for the extension: from SecretStorage, where "Factory: Set API Key" puts them. */
import type * as vscode from 'vscode';
import type { KeyRequest, KeysPort } from '../core/ports';
import { secretName } from './apiKeys';

/** The entry to pick in the "Set API Key" list. */
const PICK: Readonly<Record<string, string>> = { 'openai-compatible': 'OpenAI-compatible' };

export function secretKeys(secrets: vscode.SecretStorage): KeysPort {
  return {
    findKey: async (request: KeyRequest) => (await secrets.get(secretName(request.provider)))?.trim() || undefined,
    howToSet: (request: KeyRequest) => `run "Factory: Set API Key" and choose ${PICK[request.provider] ?? request.label}`,
  };
}
