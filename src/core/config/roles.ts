/** The fixed roles of a run, and which of them review the work of another. */
export const ROLES = ['ceo', 'qc', 'architect', 'twin', 'assistant', 'junior'] as const;
export type Role = (typeof ROLES)[number];

/** The coding CLIs a user may already pay for by subscription, run as pure text models (providers/cli/). */
export const CLI_PROVIDERS = ['claude-code', 'codex', 'gemini-cli'] as const;
export type CliProviderId = (typeof CLI_PROVIDERS)[number];

export const PROVIDERS = ['anthropic', 'openai', 'openai-compatible', 'google', 'ollama', 'vscode-lm', ...CLI_PROVIDERS] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export function isCliProvider(provider: string): provider is CliProviderId {
  return (CLI_PROVIDERS as readonly string[]).includes(provider);
}

/**
 * Reviewer -> the author whose work it judges. A reviewer on the same provider and model as its
 * author would grade its own output, so configuration refuses it unless explicitly allowed.
 */
export const REVIEWS: ReadonlyArray<{ reviewer: Role; author: Role }> = [
  { reviewer: 'qc', author: 'ceo' },
  { reviewer: 'architect', author: 'ceo' },
  { reviewer: 'twin', author: 'ceo' },
  { reviewer: 'qc', author: 'junior' },
];
