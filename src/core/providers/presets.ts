/**
 * OpenAI-compatible services: data, not code. They all speak the OpenAI chat protocol at their own
 * base URL; a role picks one by setting `baseUrl` (the preset is recognised by its host), and the
 * CLI reads the preset's key variable unless the role names another with `apiKeyEnv`.
 */
export interface CompatiblePreset {
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string;
  /** Other hosts (host:port) the same service answers on. */
  readonly otherHosts?: readonly string[];
  /** The environment variable the CLI reads the key from. */
  readonly keyEnv?: string;
  /** Local servers run without a key unless started with one. */
  readonly keyRequired: boolean;
}

export const OPENAI_COMPATIBLE_PRESETS: readonly CompatiblePreset[] = [
  { id: 'moonshot', name: 'Kimi (Moonshot)', baseUrl: 'https://api.moonshot.ai/v1', otherHosts: ['api.moonshot.cn'], keyEnv: 'MOONSHOT_API_KEY', keyRequired: true },
  {
    id: 'qwen',
    name: 'Qwen (DashScope)',
    baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    otherHosts: ['dashscope.aliyuncs.com'],
    keyEnv: 'DASHSCOPE_API_KEY',
    keyRequired: true,
  },
  { id: 'deepseek', name: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1', keyEnv: 'DEEPSEEK_API_KEY', keyRequired: true },
  { id: 'openrouter', name: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', keyEnv: 'OPENROUTER_API_KEY', keyRequired: true },
  { id: 'lmstudio', name: 'LM Studio', baseUrl: 'http://localhost:1234/v1', otherHosts: ['127.0.0.1:1234'], keyRequired: false },
  { id: 'vllm', name: 'vLLM', baseUrl: 'http://localhost:8000/v1', otherHosts: ['127.0.0.1:8000'], keyEnv: 'VLLM_API_KEY', keyRequired: false },
];

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The preset whose host the base URL points at, if any. */
export function findPreset(baseUrl: string | undefined): CompatiblePreset | undefined {
  const host = baseUrl === undefined ? undefined : hostOf(baseUrl);
  if (!host) return undefined;
  return OPENAI_COMPATIBLE_PRESETS.find((p) => hostOf(p.baseUrl) === host || (p.otherHosts ?? []).includes(host));
}

/** True for an endpoint on this machine (a local Ollama, LM Studio, vLLM, or a test server). */
export function isLoopback(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return false;
  try {
    const { hostname } = new URL(baseUrl);
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  } catch {
    return false;
  }
}

/** The key account of an OpenAI-compatible endpoint: its preset, else its host (see KeyRequest.account). */
export function compatibleAccount(baseUrl: string | undefined): string {
  const preset = findPreset(baseUrl);
  return `openai-compatible:${preset?.id ?? (baseUrl === undefined ? undefined : hostOf(baseUrl)) ?? 'unknown'}`;
}
