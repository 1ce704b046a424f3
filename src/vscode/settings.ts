import * as vscode from 'vscode';
import { mergeLayers } from '../core/config/layers';
import { resolveConfig, type ConfigProblem, type ConfigResult } from '../core/config/resolve';
import { ROLES } from '../core/config/roles';
import { workspaceExecutables } from '../core/config/executableRules';
import { workspaceSafetyOverrides } from '../core/config/safetyRules';
import { spendOverrides } from '../core/config/spendRules';
import { workspaceEndpoints, type WorkspaceEndpoint } from '../core/providers/endpointApprovals';

export { formatProblems } from '../core/config/resolve';

const SECTIONS = {
  thresholds: ['review', 'qc', 'verify', 'gate'],
  limits: ['reviewRounds', 'repairs', 'trapsPerTask', 'parallelTasks', 'budgetUsd', 'commandTimeoutS'],
  providers: ['idleTimeoutS', 'maxConcurrent', 'cliMaxConcurrent', 'prices'],
  exec: ['sandbox', 'maxProcesses', 'memoryMb'],
} as const;

/** The settings, checked, and the keyed endpoints that only workspace settings chose (asked before use). */
export type Settings = ConfigResult & { readonly workspaceEndpoints: readonly WorkspaceEndpoint[] };

type Scope = 'globalValue' | 'workspaceValue' | 'workspaceFolderValue';
const SCOPES: readonly Scope[] = ['globalValue', 'workspaceValue', 'workspaceFolderValue'];

/** A folder has settings of its own only in a multi-root workspace; otherwise VS Code repeats the workspace's. */
const scopesHere = (): readonly Scope[] => (vscode.workspace.workspaceFile ? SCOPES : SCOPES.slice(0, 2));

/**
 * `factory.roles.*` per scope (user, workspace, folder), as config layers. VS Code's own get() would
 * deep-merge a workspace's role into the user's (one provider under another's baseUrl); the layers
 * are merged by core's rules instead, the same as the CLI's files. `null` means "the default": it
 * clears the role in the layers below.
 */
function roleLayers(cfg: vscode.WorkspaceConfiguration): Record<Scope, { roles: Record<string, unknown> }> {
  const layers = { globalValue: { roles: {} }, workspaceValue: { roles: {} }, workspaceFolderValue: { roles: {} } } as Record<Scope, { roles: Record<string, unknown> }>;
  const scopes = scopesHere();
  for (const role of ROLES) {
    const seen = cfg.inspect<unknown>(`roles.${role}`);
    scopes.forEach((scope, i) => {
      const value = seen?.[scope];
      if (value === null) for (const lower of scopes.slice(0, i)) delete layers[lower].roles[role];
      else if (value !== undefined) layers[scope].roles[role] = value;
    });
  }
  return layers;
}

const SCOPE_NAMES: Readonly<Record<Scope, string>> = { globalValue: 'User', workspaceValue: 'Workspace', workspaceFolderValue: 'Folder' };

/** What inspect() holds beyond its typings: the user's settings on this machine and on a remote. */
type Inspected = { [S in Scope]?: unknown } & { globalLocalValue?: unknown; globalRemoteValue?: unknown };

/**
 * One scope's value. A user-scope `null` (no budget) is left out of globalValue by VS Code 1.100
 * (seen in the test host) but kept in globalLocalValue / globalRemoteValue, so those are read too.
 */
function valueAt(cfg: vscode.WorkspaceConfiguration, key: string, scope: Scope): unknown {
  const seen = cfg.inspect<unknown>(key) as Inspected | undefined;
  if (seen === undefined) return undefined;
  const candidates = scope === 'globalValue' ? [seen.globalValue, seen.globalRemoteValue, seen.globalLocalValue] : [seen[scope]];
  return candidates.find((v) => v !== undefined);
}

/** `factory.limits.budgetUsd` and `factory.providers.prices` as one scope holds them, in the shape of a config layer. */
function spendLayer(cfg: vscode.WorkspaceConfiguration, scope: Scope): Record<string, unknown> {
  const budget = valueAt(cfg, 'limits.budgetUsd', scope);
  const prices = valueAt(cfg, 'providers.prices', scope);
  return { ...(budget !== undefined && { limits: { budgetUsd: budget } }), ...(prices !== undefined && { providers: { prices } }) };
}

/**
 * Workspace and folder settings come with the folder (a cloned repository): like the CLI's workspace
 * file they may not set a price or loosen the user's budget (core's spendRules). Refused, naming the
 * setting; the user's own answer is to set it in User settings.
 */
function spendProblems(cfg: vscode.WorkspaceConfiguration): ConfigProblem[] {
  const user = [spendLayer(cfg, 'globalValue')];
  return scopesHere()
    .filter((scope) => scope !== 'globalValue')
    .flatMap((scope) =>
      spendOverrides(user, spendLayer(cfg, scope)).map((o) => ({
        path: `factory.${o.setting}`,
        message:
          `${o.description}. ${SCOPE_NAMES[scope]} settings come with the folder and may not set prices or loosen your budget (they may only lower it): ` +
          `set it in your User settings if you want it, or remove it from the ${SCOPE_NAMES[scope]} settings.`,
      })),
    );
}

/**
 * Likewise a workspace or folder setting may not switch off a safety rule (core's safetyRules):
 * `factory.allowSelfReview: true` counts only from User settings.
 */
function safetyProblems(cfg: vscode.WorkspaceConfiguration): ConfigProblem[] {
  const layerAt = (scope: Scope): Record<string, unknown> => {
    const allow = valueAt(cfg, 'allowSelfReview', scope);
    const exec = Object.fromEntries(SECTIONS.exec.map((k) => [k, valueAt(cfg, `exec.${k}`, scope)]).filter(([, v]) => v !== undefined));
    return { ...(allow === undefined ? {} : { allowSelfReview: allow }), ...(Object.keys(exec).length ? { exec } : {}) };
  };
  const user = [layerAt('globalValue')];
  return scopesHere()
    .filter((scope) => scope !== 'globalValue')
    .flatMap((scope) =>
      workspaceSafetyOverrides(user, layerAt(scope)).map((o) => ({
        path: `factory.${o.setting}`,
        message:
          `${o.description}. ${SCOPE_NAMES[scope]} settings come with the folder and may not switch off or loosen a safety rule: ` +
          `set it in your User settings if you want it, or remove it from the ${SCOPE_NAMES[scope]} settings.`,
      })),
    );
}

/**
 * `factory.providers.cliPaths` names executables Factory runs with the user's subscription logins in
 * reach: read from User settings only (the setting is machine-scoped), and refused where a workspace
 * or folder sets it (core's executableRules), as the CLI refuses it in a workspace's config file.
 */
function executableProblems(cfg: vscode.WorkspaceConfiguration): ConfigProblem[] {
  return scopesHere()
    .filter((scope) => scope !== 'globalValue')
    .flatMap((scope) => {
      const paths = valueAt(cfg, 'providers.cliPaths', scope);
      return workspaceExecutables(paths === undefined ? {} : { providers: { cliPaths: paths } }).map((o) => ({
        path: `factory.${o.setting}`,
        message:
          `${o.description}. ${SCOPE_NAMES[scope]} settings come with the folder and may not choose a program Factory runs: ` +
          `set it in your User settings, or remove it from the ${SCOPE_NAMES[scope]} settings.`,
      }));
    });
}

/** The user's own `factory.providers.cliPaths`, or nothing. */
function userCliPaths(cfg: vscode.WorkspaceConfiguration): Record<string, unknown> {
  const paths = valueAt(cfg, 'providers.cliPaths', 'globalValue');
  return paths === undefined ? {} : { cliPaths: paths };
}

/**
 * Reads `factory.*` settings into the same shape as the CLI's config.json and checks it with the
 * same core code, so both hosts accept and refuse exactly the same configurations.
 */
export function readSettings(): Settings {
  // The first folder's view, so folder settings of a multi-root workspace count as the workspace's too.
  const cfg = vscode.workspace.getConfiguration('factory', vscode.workspace.workspaceFolders?.[0]?.uri);
  const layers = roleLayers(cfg);
  const section = (name: keyof typeof SECTIONS): Record<string, unknown> =>
    Object.fromEntries(SECTIONS[name].map((key) => [key, cfg.get<unknown>(`${name}.${key}`)]).filter(([, v]) => v !== undefined));
  const result = resolveConfig({
    roles: mergeLayers(SCOPES.map((s) => layers[s])).roles,
    thresholds: section('thresholds'),
    limits: section('limits'),
    providers: { ...section('providers'), ...userCliPaths(cfg) },
    exec: section('exec'),
    gate: cfg.get<unknown>('gate'),
    allowSelfReview: cfg.get<unknown>('allowSelfReview'),
  });
  const refused = [...spendProblems(cfg), ...safetyProblems(cfg), ...executableProblems(cfg)];
  if (refused.length) return { ok: false, problems: [...refused, ...(result.ok ? [] : result.problems)], workspaceEndpoints: [] };
  const endpoints = result.ok
    ? workspaceEndpoints({
        user: [layers.globalValue],
        workspace: [layers.workspaceValue, layers.workspaceFolderValue],
        roles: result.config.roles,
        settingPrefix: 'factory.',
      })
    : [];
  return { ...result, workspaceEndpoints: endpoints };
}
