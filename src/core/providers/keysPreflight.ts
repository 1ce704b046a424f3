/**
 * Keys are checked before a run starts, as prices are: a run that would stop at its first call for
 * want of a key is refused (CLI: exit 2; VS Code: a message) with the way to set it, and nothing is written or sent.
 */
import type { FactoryConfig } from '../config/resolve';
import { isCliProvider, type Role } from '../config/roles';
import type { KeysPort } from '../ports';
import { ProviderError } from './errors';
import { Gateway } from './gateway';
import { resolveKey } from './keys';

/**
 * The roles every CREATE run calls (junior only when the blueprint gives it a task, so its key is
 * asked for when that call comes). The twin verifies even when a person takes the gate.
 */
const ALWAYS_CALLED: readonly Role[] = ['ceo', 'qc', 'architect', 'twin'];

/**
 * `roles`: the roles the run will call (default: a CREATE run's; an AUDIT calls only ceo, qc and
 * architect). A role on a coding CLI needs no key but its executable: checked here too (`env`: the
 * environment whose PATH it is looked up on), so a run does not start to stop at that role's first call.
 */
export async function keysPreflight(config: FactoryConfig, keys: KeysPort, roles: readonly Role[] = ALWAYS_CALLED, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string[]> {
  const problems: string[] = [];
  let gateway: Gateway | undefined;
  for (const role of roles) {
    try {
      if (isCliProvider(config.roles[role].provider)) {
        gateway ??= new Gateway({ roles: config.roles, keys, providers: config.providers, env });
        const why = await gateway.unusable(role, config.roles[role]);
        if (why !== undefined) problems.push(`roles.${role}: ${why}`);
        continue;
      }
      await resolveKey(keys, config.roles[role], role);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      problems.push(`roles.${role}: ${e.message}`);
    }
  }
  return problems;
}
