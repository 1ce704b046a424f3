/**
 * What "Factory: Configure Roles" offers: the roles in words, the providers (each OpenAI-compatible
 * service as its own choice, with its base URL), and a few model names per provider to start from
 * (any other name can be typed). Pure: the command turns these into quick picks.
 */
import { DEFAULT_ROLES } from '../core/config/defaults';
import type { ProviderId, Role } from '../core/config/roles';
import { OLLAMA_DEFAULT_HOST } from '../core/providers/ollama';
import { OPENAI_COMPATIBLE_PRESETS } from '../core/providers/presets';

export const ROLE_WORDS: Readonly<Record<Role, { name: string; does: string }>> = {
  ceo: { name: 'Writer', does: 'writes the blueprint (the plan) and the code' },
  qc: { name: 'Quality reviewer', does: 'reviews the plan and the code, scores them 0–100' },
  architect: { name: 'Architecture reviewer', does: 'reviews the plan for structure, security and contracts' },
  twin: { name: 'Your stand-in (twin)', does: 'accepts the plan for you at the gate, then tries to break the result' },
  assistant: { name: 'Assistant', does: 'repairs malformed replies, routes, summarises; a small local model is enough' },
  junior: { name: 'Junior', does: 'boilerplate and scaffolding; a small local model is enough' },
};

export interface ProviderChoice {
  label: string;
  provider: ProviderId;
  /** Fixed for a preset service or the local Ollama; undefined: the provider's own endpoint, or asked next (`askUrl`). */
  baseUrl?: string;
  /** Another OpenAI-compatible service: its base URL is asked next. */
  askUrl?: boolean;
  /** Where the model names come from: a preset's id, or the provider's. */
  catalog: string;
}

export const PROVIDER_CHOICES: readonly ProviderChoice[] = [
  { label: 'Anthropic', provider: 'anthropic', catalog: 'anthropic' },
  { label: 'OpenAI', provider: 'openai', catalog: 'openai' },
  { label: 'Google Gemini', provider: 'google', catalog: 'google' },
  ...OPENAI_COMPATIBLE_PRESETS.map((p) => ({ label: p.name, provider: 'openai-compatible' as const, baseUrl: p.baseUrl, catalog: p.id })),
  { label: 'Another OpenAI-compatible service…', provider: 'openai-compatible', askUrl: true, catalog: 'other' },
  { label: 'Ollama on this machine', provider: 'ollama', baseUrl: OLLAMA_DEFAULT_HOST, catalog: 'ollama' },
  { label: "VS Code's language models", provider: 'vscode-lm', catalog: 'vscode-lm' },
];

/** A few names to start from; the list is not a limit. */
export const MODEL_SUGGESTIONS: Readonly<Record<string, readonly string[]>> = {
  anthropic: ['claude-sonnet-4-6', 'claude-opus-4-1', 'claude-haiku-4-5'],
  openai: ['gpt-5', 'gpt-5-mini', 'o3'],
  google: ['gemini-2.5-pro', 'gemini-2.5-flash'],
  moonshot: ['kimi-k2'],
  qwen: ['qwen3-coder-plus', 'qwen-max'],
  deepseek: ['deepseek-chat', 'deepseek-reasoner'],
  ollama: ['phi4', 'qwen2.5-coder', 'llama3.1'],
};

/** The model a role has by default, when the choice is its default provider. */
export function defaultModelFor(role: Role, provider: ProviderId): string | undefined {
  return DEFAULT_ROLES[role].provider === provider ? DEFAULT_ROLES[role].model : undefined;
}
