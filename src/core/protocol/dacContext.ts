/**
 * The `DaC-Context:` line that opens the first user message of every request (DAC.md, "Which model
 * is asked"). Logs, the dashboard and scripted models in tests read it, so its format is a contract:
 *   DaC-Context: run=<run-id> role=<role> step=<step> expect=<kind> task=<task-id or -> [repair=<n>]
 */
import { ROLES, type Role } from '../config/roles';
import { isDacKind, type DacKind } from './schemas';

export const STEPS = [
  'blueprint',
  'review',
  'gate',
  'tests',
  'implementation',
  'refactor',
  'bug_capture',
  'schema',
  'security',
  'code_qc',
  'verify_plan',
  'verify_report',
  'learning',
  'recon',
  'audit',
] as const;
export type Step = (typeof STEPS)[number];

export interface DacContext {
  run: string;
  role: Role;
  step: Step;
  expect: DacKind;
  /** The task id, or undefined for steps that are not about one task (written as `-`). */
  task?: string;
  /** Set on a request that asks for a fix of an invalid reply: 1 for the first repair. */
  repair?: number;
}

const PREFIX = 'DaC-Context:';
const WORD = /^[^\s=]+$/;

/** The line, without a newline. Throws on values that would break the line's format (a bug in the caller). */
export function formatDacContext(c: DacContext): string {
  const task = c.task ?? '-';
  for (const [k, v] of [
    ['run', c.run],
    ['task', task],
  ] as const) {
    if (!WORD.test(v)) throw new Error(`DaC-Context ${k} must be one word without "=", got ${JSON.stringify(v)}`);
  }
  if (!(ROLES as readonly string[]).includes(c.role)) throw new Error(`DaC-Context role ${JSON.stringify(c.role)} is not a role`);
  if (!(STEPS as readonly string[]).includes(c.step)) throw new Error(`DaC-Context step ${JSON.stringify(c.step)} is not a step`);
  if (!isDacKind(c.expect)) throw new Error(`DaC-Context expect ${JSON.stringify(c.expect)} is not a DaC kind`);
  if (c.repair !== undefined && !(Number.isInteger(c.repair) && c.repair >= 1)) throw new Error(`DaC-Context repair must be an integer from 1, got ${c.repair}`);
  const line = `${PREFIX} run=${c.run} role=${c.role} step=${c.step} expect=${c.expect} task=${task}`;
  return c.repair === undefined ? line : `${line} repair=${c.repair}`;
}

/**
 * Finds and reads the line in a message (the first line that starts with `DaC-Context:`). Undefined
 * when there is none or it does not follow the format; a scripted model then simply has no context.
 */
export function parseDacContext(message: string): DacContext | undefined {
  const line = message
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.startsWith(PREFIX));
  if (line === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const part of line.slice(PREFIX.length).trim().split(/\s+/)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || fields.has(part.slice(0, eq))) return undefined;
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const run = fields.get('run');
  const role = fields.get('role');
  const step = fields.get('step');
  const expect = fields.get('expect');
  const task = fields.get('task');
  const repair = fields.get('repair');
  if (!run || !role || !step || !expect || !task) return undefined;
  if (!(ROLES as readonly string[]).includes(role) || !(STEPS as readonly string[]).includes(step) || !isDacKind(expect)) return undefined;
  if (repair !== undefined && !/^[1-9][0-9]*$/.test(repair)) return undefined;
  const context: DacContext = { run, role: role as Role, step: step as Step, expect };
  if (task !== '-') context.task = task;
  if (repair !== undefined) context.repair = Number(repair);
  return context;
}

