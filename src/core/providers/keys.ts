/**
 * Which key a model needs and where it is looked for. The host decides where keys live (KeysPort);
 * this decides which variable and whether one is needed at all, so a missing key fails before any
 * request, with a message that says how to set it.
 */
import type { KeyRequest, KeysPort } from '../ports';
import { ProviderError } from './errors';
import { providerLabel } from './labels';
import { isCliProvider, PROVIDERS, type ProviderId } from '../config/roles';
import { OLLAMA_DEFAULT_HOST } from './ollama';
import { compatibleAccount, findPreset, isLoopback } from './presets';
import type { CallRole, ModelTarget } from './types';

export interface KeyNeed extends KeyRequest {
  /** False for endpoints that work without a key (a local server, Ollama, VS Code models). */
  readonly required: boolean;
}

const USUAL_VARS: Record<ModelTarget['provider'], readonly string[]> = {
  anthropic: ['ANTHROPIC_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  'openai-compatible': ['OPENAI_COMPATIBLE_API_KEY'],
  ollama: ['OLLAMA_API_KEY'],
  'vscode-lm': [],
  // The coding CLIs use their own login (in the user's home), never a key of ours.
  'claude-code': [],
  codex: [],
  'gemini-cli': [],
};

export function keyNeed(target: ModelTarget): KeyNeed {
  const { provider, baseUrl, apiKeyEnv } = target;
  const preset = provider === 'openai-compatible' ? findPreset(baseUrl) : undefined;
  let required: boolean;
  if (provider === 'ollama' || provider === 'vscode-lm' || isCliProvider(provider)) required = false;
  else if (provider === 'openai-compatible') required = preset ? preset.keyRequired : !isLoopback(baseUrl);
  else required = true;
  // A keyless server on this machine may be any port a workspace chose (mayCarryKey): the provider's
  // generic variable is never sent there, only a local preset's own one or the user's apiKeyEnv.
  const local = !required && isLoopback(baseUrl ?? (provider === 'ollama' ? OLLAMA_DEFAULT_HOST : undefined));
  const usual = preset?.keyEnv ? [preset.keyEnv] : local ? [] : USUAL_VARS[provider];
  const account = provider === 'openai-compatible' ? compatibleAccount(baseUrl) : provider;
  return { provider, account, label: providerLabel(provider, baseUrl), envVars: apiKeyEnv ? [apiKeyEnv] : usual, required };
}

/**
 * Whether a request to this endpoint may carry one of the user's keys. Only a keyless endpoint on this
 * machine (a local Ollama, LM Studio, vLLM or other local server) carries none for sure: a keyless
 * provider elsewhere (a hosted or shared Ollama) still gets its optional key when one is set, and a
 * provider that needs a key sends it wherever its baseUrl points, loopback included. An unknown
 * provider cannot be shown to be keyless.
 */
export function mayCarryKey(target: { readonly provider: string; readonly baseUrl?: string }): boolean {
  if (!(PROVIDERS as readonly string[]).includes(target.provider)) return true;
  const provider = target.provider as ProviderId;
  if (provider === 'vscode-lm' || isCliProvider(provider)) return false; // VS Code's own models, a coding CLI's own login: no key of ours
  const baseUrl = target.baseUrl ?? (provider === 'ollama' ? OLLAMA_DEFAULT_HOST : undefined);
  return keyNeed({ provider, model: '', baseUrl }).required || !isLoopback(baseUrl);
}

/** The key for `target`, undefined when none is needed and none is set; throws missing_key otherwise. */
export async function resolveKey(keys: KeysPort, target: ModelTarget, role: CallRole): Promise<string | undefined> {
  const need = keyNeed(target);
  const key = await keys.findKey(need);
  if (key || !need.required) return key || undefined;
  throw new ProviderError(
    { kind: 'missing_key' },
    { provider: target.provider, label: need.label, model: target.model, role },
    `No API key for ${need.label} (role ${role}, model ${target.model}): ${keys.howToSet(need)}. Nothing was sent.`,
  );
}
