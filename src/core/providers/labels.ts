/** How people call each provider, for every message that names one. */
import type { ProviderId } from '../config/roles';
import { findPreset } from './presets';

const LABELS: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  'openai-compatible': 'the OpenAI-compatible endpoint',
  google: 'Google Gemini',
  ollama: 'Ollama',
  'vscode-lm': 'the VS Code language model',
  'claude-code': 'Claude Code',
  codex: 'Codex',
  'gemini-cli': 'Gemini CLI',
};

export function providerLabel(provider: ProviderId, baseUrl?: string): string {
  if (provider === 'openai-compatible') {
    const preset = findPreset(baseUrl);
    if (preset) return `${preset.name} (OpenAI-compatible)`;
    if (baseUrl) return `the OpenAI-compatible endpoint ${baseUrl}`;
  }
  return LABELS[provider];
}
