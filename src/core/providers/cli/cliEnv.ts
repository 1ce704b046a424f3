/**
 * The environment a coding CLI gets: the same rules as for commands (exec/safeEnv.ts: no provider
 * key, no cloud or registry credential, no variable whose name says it holds a secret, none a role
 * names as its key), so the CLI can reach no API account of the user's, and its own API key is out
 * too (Claude Code would bill ANTHROPIC_API_KEY instead of the subscription). HOME stays: the CLI's
 * own login lives there. Its documented subscription login variables (dialect.ownLogin) stay.
 */
import { safeEnv } from '../../exec/safeEnv';
import type { CliDialect } from './dialect';

export type Env = Readonly<Record<string, string | undefined>>;

export function cliEnv(base: Env, dialect: CliDialect, dropEnv: readonly string[]): Record<string, string> {
  const env = safeEnv(base, dropEnv);
  for (const name of dialect.ownLogin) {
    const value = base[name];
    if (value !== undefined && !dropEnv.includes(name)) env[name] = value;
  }
  return env;
}
