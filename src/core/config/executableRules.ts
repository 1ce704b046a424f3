/**
 * What a workspace may not set about the programs Factory runs (docs/configuration.md, "What a
 * workspace may set"): `providers.cliPaths`, the executable of a coding CLI provider. Factory runs it
 * with the user's subscription login in reach, so, as for keys and the budget, only the user's own
 * layers may choose it. A workspace may still pick `claude-code`, `codex` or `gemini-cli` as a role's
 * provider: the CLI found on the user's PATH (or the user's own cliPaths) is what runs.
 *
 * Reads raw JSON layers, before the schema: any value of any shape is refused.
 */
import { CLI_PROVIDERS } from './roles';
import type { SpendOverride } from './spendRules';

/** A setting a workspace may not set, and what it would do. */
export type ExecutableOverride = SpendOverride;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NAMES: Readonly<Record<string, string>> = { 'claude-code': 'Claude Code', codex: 'Codex', 'gemini-cli': 'Gemini CLI' };

/** Every executable a workspace layer names: each one refused. */
export function workspaceExecutables(workspace: unknown): ExecutableOverride[] {
  const providers = isObject(workspace) ? workspace.providers : undefined;
  if (!isObject(providers) || providers.cliPaths === undefined) return [];
  const paths = providers.cliPaths;
  if (!isObject(paths)) return [{ setting: 'providers.cliPaths', description: 'would choose the programs Factory runs as coding CLIs' }];
  return Object.entries(paths).map(([id, path]) => ({
    setting: `providers.cliPaths.${id}`,
    description: `would run ${typeof path === 'string' ? path : JSON.stringify(path)} as ${NAMES[id] ?? ((CLI_PROVIDERS as readonly string[]).includes(id) ? id : `the coding CLI "${id}"`)}`,
  }));
}
