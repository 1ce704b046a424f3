/**
 * Whether two model entries of a configuration are one model, for "never let a model review its own
 * work": the same model name at the same service, however either is written. Comparing the text of
 * `baseUrl` would let `http://host/v1` and `http://host/v1/`, or an unset baseUrl and the provider's
 * endpoint written out, pass as two models. Erring towards "the same" is the safe side: a refused
 * pair names `allowSelfReview`.
 */
import type { ProviderId } from './roles';

/** Ollama's own default; the adapter always gives it (Ollama does not read OLLAMA_HOST when given a host). */
export const OLLAMA_DEFAULT_HOST = 'http://127.0.0.1:11434';

// Dated or versioned snapshots are their family: claude-sonnet-4-5-20250929, gpt-5-2025-08-07.
const SNAPSHOT = /-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/;

/** The model a dated or `-latest` name stands for: `gpt-5` for `gpt-5-2025-08-07`. */
export function modelFamily(model: string): string {
  return model.replace(SNAPSHOT, '');
}

export interface ModelEntry {
  readonly provider: ProviderId;
  readonly model: string;
  readonly baseUrl?: string;
}

/** Where each provider's SDK sends requests when no baseUrl is given. */
export const DEFAULT_ENDPOINTS: Readonly<Record<ProviderId, string | undefined>> = {
  anthropic: 'https://api.anthropic.com',
  openai: 'https://api.openai.com/v1',
  google: 'https://generativelanguage.googleapis.com',
  ollama: OLLAMA_DEFAULT_HOST,
  'openai-compatible': undefined, // needs a baseUrl: the gateway refuses it without one
  'vscode-lm': undefined, // VS Code's own models: no endpoint of ours
  // A coding CLI runs its vendor's models: Claude Code's sonnet is Anthropic's, so a reviewer on the
  // API must not grade what the same model wrote through the CLI (or the other way round).
  'claude-code': 'https://api.anthropic.com',
  codex: 'https://api.openai.com/v1',
  'gemini-cli': 'https://generativelanguage.googleapis.com',
};

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** Every name of this machine is one host: a local server answers on all of them. */
function hostKey(hostname: string): string {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname) ? 'loopback' : hostname;
}

/**
 * The service an entry calls: scheme, host (lowercase, loopback names as one) and port (the default
 * one when none is written). The path is left out: the same model name on one host is one model,
 * whichever of its API paths (`/v1`, an OpenAI-compatible path of Ollama or Anthropic) is used.
 */
export function serviceOf(entry: ModelEntry): string {
  const endpoint = entry.baseUrl ?? DEFAULT_ENDPOINTS[entry.provider];
  if (endpoint === undefined) return entry.provider;
  try {
    const url = new URL(endpoint.trim());
    return `${url.protocol}//${hostKey(url.hostname)}:${url.port || (DEFAULT_PORTS[url.protocol] ?? '')}`;
  } catch {
    return endpoint.trim().toLowerCase().replace(/\/+$/, ''); // the schema refuses it; compare it as written
  }
}

/** One name per model: lowercase, without Ollama's default tag or a dated snapshot's suffix. */
export function modelKey(model: string): string {
  return modelFamily(model.trim().toLowerCase().replace(/:latest$/, ''));
}

export function sameModel(a: ModelEntry, b: ModelEntry): boolean {
  return modelKey(a.model) === modelKey(b.model) && serviceOf(a) === serviceOf(b);
}
