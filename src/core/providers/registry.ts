/**
 * The adapters of core: importing this loads no SDK (each adapter imports its SDK on first call).
 * The VS Code host adds `vscode-lm` (src/vscode/providers/vscodeLm.ts); the CLI has none.
 */
import type { ProviderId } from '../config/roles';
import type { ProviderAdapter } from './adapter';
import { anthropicAdapter } from './anthropic';
import { googleAdapter } from './google';
import { ollamaAdapter } from './ollama';
import { openAiAdapter, openAiCompatibleAdapter } from './openai';

export type AdapterRegistry = Readonly<Partial<Record<ProviderId, ProviderAdapter>>>;

export const CORE_ADAPTERS: AdapterRegistry = {
  anthropic: anthropicAdapter,
  openai: openAiAdapter,
  'openai-compatible': openAiCompatibleAdapter,
  google: googleAdapter,
  ollama: ollamaAdapter,
};
