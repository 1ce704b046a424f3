/**
 * Fallbacks are checked before a run too, but only to warn: a fallback that could not be used (no
 * key, no price under a budget, no baseUrl, a provider this host lacks) is passed over when a call
 * needs it, so it must not stop a run whose primary models are usable. The check is the gateway's
 * own (Gateway.unusable), so the warning and the call agree.
 */
import type { FactoryConfig } from '../config/resolve';
import { ROLES } from '../config/roles';
import type { KeysPort } from '../ports';
import { Gateway } from './gateway';

/** One warning per unusable fallback: `roles.<role>.fallbacks.<i>: why; it is skipped if <role> needs its fallbacks.` */
export async function fallbackPreflight(config: Pick<FactoryConfig, 'roles' | 'providers' | 'limits'>, keys: KeysPort, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string[]> {
  const gateway = new Gateway({ roles: config.roles, keys, providers: config.providers, budgetUsd: config.limits.budgetUsd, env });
  const warnings: string[] = [];
  for (const role of ROLES) {
    for (const [i, fallback] of config.roles[role].fallbacks.entries()) {
      const why = await gateway.unusable(role, fallback);
      if (why === undefined) continue;
      const said = why.replace(/\s*Nothing was sent\.$/, '').replace(/\.$/, '');
      warnings.push(`roles.${role}.fallbacks.${i}: ${said}; it is skipped if ${role} needs its fallbacks.`);
    }
  }
  return warnings;
}
