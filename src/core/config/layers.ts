/**
 * Configuration comes in layers, lowest first: the user's own file, a `--config` file, the
 * workspace's `.factory/config.json` (in VS Code: user, workspace and folder settings). Layers are
 * merged as raw JSON before the schema checks the result, so a mistake is still reported at its
 * setting. The rules (docs/configuration.md, "Layers"):
 *
 * - A role given in a higher layer replaces that role whole — provider, model and fallbacks — so a
 *   run never uses a mix of two layers' choices that nobody wrote (another provider's model with
 *   this provider's fallbacks, or one provider's baseUrl under another provider).
 * - Except where the provider lives: when the higher layer names the same provider and sets neither
 *   `baseUrl` nor `apiKeyEnv`, the lower layer's `baseUrl` and `apiKeyEnv` stay. A workspace can
 *   then pick the model while the user's own configuration keeps choosing the endpoint and the key.
 *   The two travel together: a higher `baseUrl` never inherits a lower `apiKeyEnv`.
 * - `thresholds`, `limits`, `providers` and `exec` merge field by field; `providers.prices` model by model.
 * - Anything else (`gate`, `allowSelfReview`) is replaced.
 */

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The sections whose fields merge one by one; the value is the nested section that merges too. */
const FIELDWISE: Readonly<Record<string, string | undefined>> = { thresholds: undefined, limits: undefined, providers: 'prices', exec: undefined };

/** The endpoint of a role: where its requests (and its key) go. */
const ENDPOINT = ['baseUrl', 'apiKeyEnv'] as const;

/** Keys that reach an object's prototype when assigned; not settings (each layer's own check names them). */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const has = (o: Json, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A plain copy of a layer's own settings without those keys, at any depth: "__proto__", as JSON.parse
 * keeps it, would otherwise replace a merged object's prototype and hand its settings to the schema
 * through inheritance, past the checks that read a layer's own fields.
 */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) if (!UNSAFE_KEYS.has(k)) out[k] = clean(x);
  return out;
}

function mergeRole(lower: unknown, higher: unknown): unknown {
  if (!isObject(lower) || !isObject(higher)) return higher;
  if (higher.provider !== lower.provider || ENDPOINT.some((k) => has(higher, k))) return higher;
  const kept = Object.fromEntries(ENDPOINT.filter((k) => lower[k] !== undefined).map((k) => [k, lower[k]]));
  return { ...higher, ...kept };
}

function mergeFields(lower: unknown, higher: unknown, nested: string | undefined): unknown {
  if (!isObject(lower) || !isObject(higher)) return higher;
  const merged: Json = { ...lower, ...higher };
  if (nested !== undefined && has(higher, nested)) merged[nested] = mergeFields(lower[nested], higher[nested], undefined);
  return merged;
}

function mergeRoles(lower: unknown, higher: unknown): unknown {
  if (!isObject(lower) || !isObject(higher)) return higher;
  const merged: Json = { ...lower };
  for (const [role, value] of Object.entries(higher)) merged[role] = has(lower, role) ? mergeRole(lower[role], value) : value;
  return merged;
}

function mergeTwo(lower: Json, higher: Json): Json {
  const merged: Json = { ...lower };
  for (const [key, value] of Object.entries(higher)) {
    if (value === undefined) continue; // not set in this layer
    if (!has(lower, key)) merged[key] = value;
    else if (key === 'roles') merged[key] = mergeRoles(lower[key], value);
    else if (key in FIELDWISE) merged[key] = mergeFields(lower[key], value, FIELDWISE[key]);
    else merged[key] = value;
  }
  return merged;
}

/** Merges configuration layers, lowest first. The layers themselves are left as they were. */
export function mergeLayers(layers: readonly Json[]): Json {
  return layers.reduce<Json>((acc, layer) => mergeTwo(acc, clean(layer) as Json), {});
}
