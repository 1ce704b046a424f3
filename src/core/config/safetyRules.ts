/**
 * What a workspace may not switch off (docs/configuration.md, "What a workspace may set"). A
 * workspace comes with its folder (a cloned repository), so, as for keys and the budget, a setting
 * that turns a safety rule off counts only from the user's own layers:
 *
 * - `allowSelfReview: true` turns off "never let a model review its own work".
 * - `exec.sandbox` looser than the user's (`off` below `auto` below `required`), or `exec.maxProcesses`
 *   or `exec.memoryMb` above the user's (or the default), loosens the sandbox the project's own code runs in.
 *
 * The workspace may still choose what DESIGN.md gives it (models, thresholds, limits, the gate): those
 * tune how a run goes, none of them lets a check be skipped. Reads raw JSON layers, before the schema:
 * a value the schema would refuse is left to it.
 */
import { mergeLayers } from './layers';
import { execSchema } from './schema';
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

const SANDBOX_RANK: Readonly<Record<string, number>> = { off: 0, auto: 1, required: 2 };

/** The workspace's `exec` settings that would loosen the sandbox the user's layers (or the defaults) set. */
function execOverrides(user: readonly unknown[], workspace: Json): SafetyOverride[] {
  if (!isObject(workspace.exec)) return [];
  const mine = { ...execSchema.parse({}), ...(isObject(mergeLayers(user.filter(isObject)).exec) ? (mergeLayers(user.filter(isObject)).exec as Json) : {}) } as Json;
  const theirs = workspace.exec;
  const found: SafetyOverride[] = [];
  const rank = (v: unknown) => (typeof v === 'string' ? SANDBOX_RANK[v] : undefined);
  const mineRank = rank(mine.sandbox) ?? 1;
  const theirRank = rank(theirs.sandbox);
  if (theirRank !== undefined && theirRank < mineRank) {
    found.push({ setting: 'exec.sandbox', description: `would run the project's commands with a looser sandbox setting ("${String(theirs.sandbox)}") than yours ("${String(mine.sandbox)}")` });
  }
  for (const key of ['maxProcesses', 'memoryMb'] as const) {
    const v = theirs[key];
    if (typeof v === 'number' && typeof mine[key] === 'number' && v > (mine[key] as number)) {
      found.push({ setting: `exec.${key}`, description: `would raise the sandbox's cap (${v}) above yours (${String(mine[key])})` });
    }
  }
  return found;
}

/** The workspace layer's settings that would switch off a safety rule the user's layers keep on. */
export function workspaceSafetyOverrides(user: readonly unknown[], workspace: unknown): SafetyOverride[] {
  if (!isObject(workspace)) return [];
  const found = execOverrides(user, workspace);
  if (workspace.allowSelfReview === true && !userAllowsSelfReview(user)) {
    found.unshift({ setting: 'allowSelfReview', description: 'would let a model review its own work (the check that a reviewer is not the model it reviews would be off)' });
  }
  return found;
}
