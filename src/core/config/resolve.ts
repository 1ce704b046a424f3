import { DEFAULT_ROLES } from './defaults';
import { sameModel } from './modelIdentity';
import { plainIssues } from './plainIssues';
import { REVIEWS, ROLES, type Role } from './roles';
import { providersSchema, userConfigSchema, type ExecSettings, type Limits, type ModelRef, type ProviderSettings, type RoleSettings, type Thresholds } from './schema';

/** A configuration with every role filled in and every value checked. */
export interface FactoryConfig {
  roles: Record<Role, RoleSettings>;
  thresholds: Thresholds;
  limits: Limits;
  gate: 'twin' | 'human';
  allowSelfReview: boolean;
  providers: ProviderSettings;
  exec: ExecSettings;
}

export interface ConfigProblem {
  /** Dotted path of the setting, e.g. `roles.qc.provider`. */
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: FactoryConfig } | { ok: false; problems: ConfigProblem[] };

/** The schema's objections to one layer alone (no defaults, no cross-role checks): see layers.ts. */
export function layerProblems(input: unknown): ConfigProblem[] {
  const parsed = userConfigSchema.safeParse(input ?? {});
  return parsed.success ? [] : plainIssues(parsed.error.issues, input ?? {});
}

/** The `providers` section of a configuration, checked alone (for `factory chat`, which uses only it). */
export function resolveProviders(input: unknown): { ok: true; providers: ProviderSettings } | { ok: false; problems: ConfigProblem[] } {
  const section = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>).providers : undefined;
  const parsed = providersSchema.safeParse(section ?? {});
  if (parsed.success) return { ok: true, providers: parsed.data };
  return { ok: false, problems: plainIssues(parsed.error.issues, section ?? {}, ['providers']) };
}

/**
 * Checks a user's configuration (from VS Code settings or `.factory/config.json`) and fills in
 * defaults. Expected mistakes come back as problems naming the setting, never as exceptions.
 */
export function resolveConfig(input: unknown): ConfigResult {
  const parsed = userConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, problems: plainIssues(parsed.error.issues, input ?? {}) };
  }
  const user = parsed.data;
  const roles = Object.fromEntries(ROLES.map((r) => [r, user.roles[r] ?? DEFAULT_ROLES[r]])) as Record<Role, RoleSettings>;
  const config: FactoryConfig = { ...user, roles };
  const problems = config.allowSelfReview ? [] : selfReviewProblems(roles);
  return problems.length ? { ok: false, problems } : { ok: true, config };
}

/** A role's models in the order it uses them: its own model, then its fallbacks. */
function chainOf(settings: RoleSettings): ModelRef[] {
  return [settings, ...settings.fallbacks];
}

/** `qc's model`, `qc's fallback 2`: how a message names one entry of a role's chain. */
function entryName(role: Role, index: number): string {
  return index === 0 ? `${role}'s model` : `${role}'s fallback ${index}`;
}

/**
 * A reviewer must never grade work its own model wrote: any model of the reviewer's chain (its model
 * or a fallback) that is also in the author's chain is refused, since a fallback can take over either
 * side at any call. "The same model" is decided by modelIdentity.ts (the service, however written). Each colliding pair is named at the reviewer's setting that holds it.
 */
function selfReviewProblems(roles: Record<Role, RoleSettings>): ConfigProblem[] {
  return REVIEWS.flatMap(({ reviewer, author }) =>
    chainOf(roles[reviewer]).flatMap((mine, i) =>
      chainOf(roles[author]).flatMap((theirs, j) => {
        if (!sameModel(mine, theirs)) return [];
        const model = `${theirs.provider}:${theirs.model}`;
        const both = i === 0 && j === 0 ? `both use ${model}` : `${entryName(reviewer, i)} and ${entryName(author, j)} are both ${model}`;
        return [
          {
            path: i === 0 ? `roles.${reviewer}` : `roles.${reviewer}.fallbacks.${i - 1}`,
            message:
              `${reviewer} reviews the work of ${author} but ${both}; ` +
              `a model must not review its own work. Pick another model for ${reviewer}, or set "allowSelfReview": true.`,
          },
        ];
      }),
    ),
  );
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}
