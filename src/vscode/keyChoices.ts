/**
 * The services "Factory: Set API Key" offers, each marked with whether a key is stored; the servers
 * that run on this machine without a key (LM Studio, vLLM, Ollama) are listed apart, so nobody looks
 * for a key they do not need. Pure: the command turns these into quick pick items.
 */
import { compatibleAccount, OPENAI_COMPATIBLE_PRESETS } from '../core/providers/presets';

export type KeyGroup = 'needs a key' | 'no key needed';

export interface KeyChoice {
  label: string;
  description: string;
  group: KeyGroup;
  /** KeyRequest.account; undefined for "another OpenAI-compatible service", whose URL is asked next. */
  account: string | undefined;
}

export function keyChoices(stored: ReadonlySet<string>): KeyChoice[] {
  const keyed = (label: string, account: string, where = ''): KeyChoice => ({
    label,
    description: `${stored.has(account) ? '$(check) key stored' : 'no key yet'}${where ? ` · ${where}` : ''}`,
    group: 'needs a key',
    account,
  });
  const keyless = (label: string, account: string, why: string): KeyChoice => ({
    label,
    description: `no key needed ${why}${stored.has(account) ? ' · $(check) key stored' : ''}`,
    group: 'no key needed',
    account,
  });
  const presets = OPENAI_COMPATIBLE_PRESETS;
  return [
    keyed('Anthropic', 'anthropic'),
    keyed('OpenAI', 'openai'),
    keyed('Google Gemini', 'google'),
    ...presets.filter((p) => p.keyRequired).map((p) => keyed(`${p.name} (OpenAI-compatible)`, compatibleAccount(p.baseUrl), p.baseUrl)),
    { label: 'Another OpenAI-compatible service…', description: 'asks for its base URL', group: 'needs a key', account: undefined },
    ...presets.filter((p) => !p.keyRequired).map((p) => keyless(p.name, compatibleAccount(p.baseUrl), `on this machine (${p.baseUrl}); store one only if you started it with a key`)),
    keyless('Ollama', 'ollama', 'on this machine; store one only for a hosted Ollama that asks for it'),
  ];
}

/** Every account keyChoices can mark. */
export const knownAccounts = (): string[] => keyChoices(new Set()).flatMap((c) => (c.account ? [c.account] : []));
