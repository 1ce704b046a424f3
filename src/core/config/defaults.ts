import type { Role } from './roles';
import type { RoleSettings } from './schema';

/**
 * The model a role uses when the user configured none (documented in the README). Vendors differ
 * between author and reviewers on purpose, so that no model grades its own work.
 */
export const DEFAULT_ROLES: Readonly<Record<Role, RoleSettings>> = {
  ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6', fallbacks: [] },
  qc: { provider: 'openai', model: 'gpt-5', fallbacks: [] },
  architect: { provider: 'google', model: 'gemini-2.5-pro', fallbacks: [] },
  twin: { provider: 'openai', model: 'o3', fallbacks: [] },
  assistant: { provider: 'ollama', model: 'phi4', baseUrl: 'http://127.0.0.1:11434', fallbacks: [] },
  junior: { provider: 'ollama', model: 'qwen2.5-coder', baseUrl: 'http://127.0.0.1:11434', fallbacks: [] },
};
