/**
 * What a workspace may not switch off (docs/configuration.md, "What a workspace may set"). A
 * workspace comes with its folder (a cloned repository), so, as for keys and the budget, a setting
 * that turns a safety rule off counts only from the user's own layers:
 *
 * - `allowSelfReview: true` turns off "never let a model review its own work".
 *
 * The workspace may still choose what DESIGN.md gives it (models, thresholds, limits, the gate): those
 * tune how a run goes, none of them lets a check be skipped. Reads raw JSON layers, before the schema:
 * a value the schema would refuse is left to it.
 */
import { mergeLayers } from './layers';
import type { SpendOverride } from './spendRules';

/** A setting a workspace may not set, and what it would do (the shape the spending rules use). */
export type SafetyOverride = SpendOverride;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether the user's own layers (lowest first) already allow self-review: the highest that says so decides. */
function userAllowsSelfReview(user: readonly unknown[]): boolean {
  return mergeLayers(user.filter(isObject)).allowSelfReview === true;
}

/** The workspace layer's settings that would switch off a safety rule the user's layers keep on. */
export function workspaceSafetyOverrides(user: readonly unknown[], workspace: unknown): SafetyOverride[] {
  if (!isObject(workspace) || workspace.allowSelfReview !== true || userAllowsSelfReview(user)) return [];
  return [{ setting: 'allowSelfReview', description: 'would let a model review its own work (the check that a reviewer is not the model it reviews would be off)' }];
}
