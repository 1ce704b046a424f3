import type { z } from 'zod';
import { DEFAULT_ROLES } from './defaults';
import { REVIEWS, ROLES, type Role } from './roles';
import { userConfigSchema, type Limits, type ProviderSettings, type RoleSettings, type Thresholds } from './schema';

/** A configuration with every role filled in and every value checked. */
export interface FactoryConfig {
  roles: Record<Role, RoleSettings>;
  thresholds: Thresholds;
  limits: Limits;
  gate: 'twin' | 'human';
  allowSelfReview: boolean;
  providers: ProviderSettings;
}

export interface ConfigProblem {
  /** Dotted path of the setting, e.g. `roles.qc.provider`. */
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: FactoryConfig } | { ok: false; problems: ConfigProblem[] };

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.') || '(top level)';
}

/**
 * Checks a user's configuration (from VS Code settings or `.factory/config.json`) and fills in
 * defaults. Expected mistakes come back as problems naming the setting, never as exceptions.
 */
export function resolveConfig(input: unknown): ConfigResult {
  const parsed = userConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: pathOf(i), message: i.message })) };
  }
  const user = parsed.data;
  const roles = Object.fromEntries(ROLES.map((r) => [r, user.roles[r] ?? DEFAULT_ROLES[r]])) as Record<Role, RoleSettings>;
  const config: FactoryConfig = { ...user, roles };
  const problems = config.allowSelfReview ? [] : selfReviewProblems(roles);
  return problems.length ? { ok: false, problems } : { ok: true, config };
}

function selfReviewProblems(roles: Record<Role, RoleSettings>): ConfigProblem[] {
  return REVIEWS.filter(({ reviewer, author }) => sameModel(roles[reviewer], roles[author])).map(({ reviewer, author }) => ({
    path: `roles.${reviewer}`,
    message:
      `${reviewer} reviews the work of ${author} but both use ${roles[author].provider}:${roles[author].model}; ` +
      `a model must not review its own work. Pick another model for ${reviewer}, or set "allowSelfReview": true.`,
  }));
}

function sameModel(a: RoleSettings, b: RoleSettings): boolean {
  return a.provider === b.provider && a.model === b.model && (a.baseUrl ?? '') === (b.baseUrl ?? '');
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}
