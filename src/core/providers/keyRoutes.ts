/**
 * The settings of a configuration that decide where one of the user's keys is sent (DESIGN.md,
 * "Where keys go"): a `baseUrl` of an endpoint that may carry a key, and any `apiKeyEnv`. Only the
 * user's own configuration may hold them; the CLI refuses them in a workspace's config and VS Code
 * asks before it uses them from workspace settings.
 *
 * Reads raw JSON, before the schema: a role the schema would refuse (or one a command ignores, as
 * `factory chat` ignores roles) must not hide a redirect.
 */
import { mayCarryKey } from './keys';
import { providerLabel } from './labels';
import { PROVIDERS, type ProviderId } from '../config/roles';

export interface KeyRoute {
  /** Dotted path of the setting, e.g. `roles.ceo.baseUrl`, `roles.qc.fallbacks.1.apiKeyEnv`. */
  readonly setting: string;
  readonly kind: 'baseUrl' | 'apiKeyEnv';
  /** The entry's provider as written (may be misspelt). */
  readonly provider: string | undefined;
  /** The URL or the variable name. */
  readonly value: string;
  /** For `baseUrl`: scheme, host and port, where the key would go. */
  readonly origin?: string;
  /** How the key is called in a sentence: `Anthropic key`, or `API key` for a service without a name. */
  readonly keyName: string;
  /** What the setting would do, e.g. `would send your Anthropic key to http://127.0.0.1:4000`. */
  readonly description: string;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Scheme, host and port; the URL as written when it is not one (the schema will say so). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function keyName(provider: string | undefined, baseUrl: string): string {
  if (provider !== undefined && (PROVIDERS as readonly string[]).includes(provider)) {
    const label = providerLabel(provider as ProviderId, baseUrl);
    // A service without a preset is named by its URL already; "your key" is then the one for that URL.
    return label.startsWith('the ') ? 'API key' : `${label} key`;
  }
  return 'API key';
}

function entryRoutes(entry: unknown, at: string): KeyRoute[] {
  if (!isObject(entry)) return [];
  const provider = typeof entry.provider === 'string' ? entry.provider : undefined;
  const routes: KeyRoute[] = [];
  const { baseUrl, apiKeyEnv } = entry;
  if (typeof baseUrl === 'string' && mayCarryKey({ provider: provider ?? '(none)', baseUrl })) {
    const origin = originOf(baseUrl);
    const name = keyName(provider, baseUrl);
    routes.push({ setting: `${at}.baseUrl`, kind: 'baseUrl', provider, value: baseUrl, origin, keyName: name, description: `would send your ${name} to ${origin}` });
  }
  if (typeof apiKeyEnv === 'string') {
    routes.push({ setting: `${at}.apiKeyEnv`, kind: 'apiKeyEnv', provider, value: apiKeyEnv, keyName: `environment variable ${apiKeyEnv}`, description: `would send the environment variable ${apiKeyEnv} as an API key` });
  }
  return routes;
}

/** Every setting of `raw` (a whole configuration) that routes a key, in the order they appear. */
export function keyRoutes(raw: unknown): KeyRoute[] {
  if (!isObject(raw) || !isObject(raw.roles)) return [];
  return Object.entries(raw.roles).flatMap(([role, settings]) => {
    const at = `roles.${role}`;
    const fallbacks = isObject(settings) && Array.isArray(settings.fallbacks) ? settings.fallbacks : [];
    return [...entryRoutes(settings, at), ...fallbacks.flatMap((f, i) => entryRoutes(f, `${at}.fallbacks.${i}`))];
  });
}
