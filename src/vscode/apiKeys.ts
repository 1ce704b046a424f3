import * as vscode from 'vscode';
import { compatibleAccount, OPENAI_COMPATIBLE_PRESETS } from '../core/providers/presets';
import { secretName } from './secretKeys';

interface KeyChoice extends vscode.QuickPickItem {
  /** KeyRequest.account; undefined for "another OpenAI-compatible service", whose URL is asked next. */
  account: string | undefined;
}

/** Every account a key can be stored for: the providers, then each OpenAI-compatible service (from the presets). */
function choices(): KeyChoice[] {
  return [
    { label: 'Anthropic', account: 'anthropic' },
    { label: 'OpenAI', account: 'openai' },
    { label: 'Google Gemini', account: 'google' },
    ...OPENAI_COMPATIBLE_PRESETS.map((p) => ({ label: `${p.name} (OpenAI-compatible)`, description: p.baseUrl, account: compatibleAccount(p.baseUrl) })),
    { label: 'Another OpenAI-compatible service…', description: 'asks for its base URL', account: undefined },
    { label: 'Ollama', description: 'only a hosted Ollama that needs a key', account: 'ollama' },
  ];
}

async function askAccount(): Promise<{ account: string; label: string } | undefined> {
  const pick = await vscode.window.showQuickPick(choices(), { title: 'Factory: Set API Key', placeHolder: 'Which service is the key for?' });
  if (!pick) return undefined;
  if (pick.account) return { account: pick.account, label: pick.label };
  const url = await vscode.window.showInputBox({
    title: 'Factory: Set API Key',
    prompt: 'The base URL of the OpenAI-compatible service, as in the role settings',
    placeHolder: 'https://example.com/v1',
    ignoreFocusOut: true,
    validateInput: (v) => (URL.canParse(v.trim()) ? undefined : 'a URL such as https://example.com/v1'),
  });
  return url ? { account: compatibleAccount(url.trim()), label: url.trim() } : undefined;
}

/**
 * "Factory: Set API Key": the key goes to SecretStorage (the OS keychain), never to settings or logs.
 * Each OpenAI-compatible service has its own key. An empty input removes a stored key. Returns the
 * account the key was set for, or undefined if the person cancelled.
 */
export async function setApiKey(secrets: vscode.SecretStorage, account?: string): Promise<string | undefined> {
  const target = account ? { account, label: account } : await askAccount();
  if (!target) return undefined;
  const key = await vscode.window.showInputBox({
    title: `API key for ${target.label}`,
    prompt: 'Stored in VS Code secret storage. Leave empty to remove the stored key.',
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return undefined;
  if (key.trim() === '') {
    await secrets.delete(secretName(target.account));
    void vscode.window.showInformationMessage(`Factory: removed the stored API key for ${target.label}.`);
  } else {
    await secrets.store(secretName(target.account), key.trim());
    void vscode.window.showInformationMessage(`Factory: stored the API key for ${target.label}.`);
  }
  return target.account;
}
