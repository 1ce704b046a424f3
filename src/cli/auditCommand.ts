/**
 * `factory audit [PATH] [--dir D] [--config F] [--yes] [--json]`: an AUDIT run of PATH (relative to
 * --dir, default the current folder). The audited folder is the run's workspace: its configuration
 * (.factory/config.json) applies, and the run folder and report.md go to PATH/.factory/runs/<id>/,
 * so `factory runs --dir PATH` lists it and `factory resume <id> --dir PATH` goes on with it.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { AUDITORS } from '../core/pipeline/audit/auditFindings';
import { startRun } from '../core/pipeline/runner';
import { UsageError, type CliIo, type ExitCode } from './io';
import { prepareRun, runSession, type RunFlags, type RunNeeds } from './runSession';

/** An audit calls ceo, qc and architect, and has no gate to take. */
export const AUDIT_NEEDS: RunNeeds = { roles: AUDITORS, gate: false };

export async function auditCommand(io: CliIo, path: string, flags: RunFlags): Promise<ExitCode> {
  // As typed, from where the command runs: the resume hint repeats it.
  const dir = isAbsolute(path) ? path : join(flags.dir ?? '.', path);
  const abs = resolve(io.cwd, dir);
  const info = await stat(abs).catch(() => undefined);
  if (!info) throw new UsageError(`there is no folder ${abs} to audit (check PATH${flags.dir === undefined ? '' : ' and --dir'})`);
  if (!info.isDirectory()) throw new UsageError(`${abs} is a file; factory audit takes a folder (PATH)`);
  const auditFlags: RunFlags = { ...flags, dir };
  const prepared = await prepareRun(io, auditFlags, AUDIT_NEEDS);
  const request = `audit of ${basename(prepared.dir) || prepared.dir}`;
  return runSession(io, auditFlags, prepared, undefined, (deps) => startRun(deps, prepared.config, { mode: 'audit', request, path: '.' }));
}
