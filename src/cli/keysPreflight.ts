/**
 * Keys are checked before a run starts, as prices are: a run that would stop at its first call for
 * want of a key is refused (exit 2) with the way to set it, and nothing is written or sent.
 */
import type { FactoryConfig } from '../core/config/resolve';
import type { Role } from '../core/config/roles';
import type { KeysPort } from '../core/ports';
import { ProviderError } from '../core/providers/errors';
import { resolveKey } from '../core/providers/keys';

/**
 * The roles every CREATE run calls (junior only when the blueprint gives it a task, so its key is
 * asked for when that call comes). The twin verifies even when a person takes the gate.
 */
const ALWAYS_CALLED: readonly Role[] = ['ceo', 'qc', 'architect', 'twin'];

export async function keysPreflight(config: FactoryConfig, keys: KeysPort): Promise<string[]> {
  const problems: string[] = [];
  for (const role of ALWAYS_CALLED) {
    try {
      await resolveKey(keys, config.roles[role], role);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      problems.push(`roles.${role}: ${e.message}`);
    }
  }
  return problems;
}
