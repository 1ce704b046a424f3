import * as vscode from 'vscode';
import { resolveConfig, type ConfigResult } from '../core/config/resolve';

export { formatProblems } from '../core/config/resolve';
import { ROLES } from '../core/config/roles';

const SECTIONS = {
  thresholds: ['review', 'qc', 'verify', 'gate'],
  limits: ['reviewRounds', 'repairs', 'trapsPerTask', 'parallelTasks', 'budgetUsd', 'commandTimeoutS'],
  providers: ['idleTimeoutS', 'maxConcurrent', 'prices'],
} as const;

/**
 * Reads `factory.*` settings into the same shape as the CLI's config.json and checks it with the
 * same core code, so both hosts accept and refuse exactly the same configurations.
 */
export function readSettings(): ConfigResult {
  const cfg = vscode.workspace.getConfiguration('factory');
  const roles: Record<string, unknown> = {};
  for (const role of ROLES) {
    const value = cfg.get<unknown>(`roles.${role}`);
    if (value !== null && value !== undefined) roles[role] = value;
  }
  const section = (name: keyof typeof SECTIONS): Record<string, unknown> =>
    Object.fromEntries(SECTIONS[name].map((key) => [key, cfg.get<unknown>(`${name}.${key}`)]).filter(([, v]) => v !== undefined));
  return resolveConfig({
    roles,
    thresholds: section('thresholds'),
    limits: section('limits'),
    providers: section('providers'),
    gate: cfg.get<unknown>('gate'),
    allowSelfReview: cfg.get<unknown>('allowSelfReview'),
  });
}
