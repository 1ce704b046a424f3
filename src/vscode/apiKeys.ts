import * as vscode from 'vscode';

/** Providers whose keys Factory stores; vscode-lm and a local Ollama need none. */
const KEYED_PROVIDERS = [
  { id: 'anthropic', label: 'Anthropic', hint: 'sk-ant-…' },
  { id: 'openai', label: 'OpenAI', hint: 'sk-…' },
  { id: 'openai-compatible', label: 'OpenAI-compatible (Kimi, Qwen, DeepSeek, OpenRouter, …)', hint: 'the key of that service' },
  { id: 'google', label: 'Google Gemini', hint: 'AIza…' },
  { id: 'ollama', label: 'Ollama (only for a hosted Ollama that needs a key)', hint: 'bearer token' },
] as const;

export const secretName = (provider: string): string => `factory.apiKey.${provider}`;

/**
 * "Factory: Set API Key": the key goes to SecretStorage (the OS keychain), never to settings or logs.
 * An empty input removes a stored key. Returns the provider id, or undefined if the person cancelled.
 */
export async function setApiKey(secrets: vscode.SecretStorage, provider?: string): Promise<string | undefined> {
  const id =
    provider ??
    (await vscode.window.showQuickPick(
      KEYED_PROVIDERS.map((p) => ({ label: p.label, id: p.id })),
      { title: 'Factory: Set API Key', placeHolder: 'Which provider is the key for?' },
    ))?.id;
  if (!id) return undefined;
  const hint = KEYED_PROVIDERS.find((p) => p.id === id)?.hint ?? '';
  const key = await vscode.window.showInputBox({
    title: `API key for ${id}`,
    prompt: 'Stored in VS Code secret storage. Leave empty to remove the stored key.',
    placeHolder: hint,
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return undefined;
  if (key.trim() === '') {
    await secrets.delete(secretName(id));
    void vscode.window.showInformationMessage(`Factory: removed the stored API key for ${id}.`);
  } else {
    await secrets.store(secretName(id), key.trim());
    void vscode.window.showInformationMessage(`Factory: stored the API key for ${id}.`);
  }
  return id;
}
