/**
 * `factory update "<request>" [--dir D] [--config F] [--json] [--yes]`: an UPDATE run in the
 * workspace; `factory update --from-audit <audit-run-id>`: the audit's findings are the request.
 */
import { requestFromAudit } from '../core/pipeline/update/fromAudit';
import { startRun } from '../core/pipeline/runner';
import { UsageError, type CliIo, type ExitCode } from './io';
import { prepareRun, runSession, type RunFlags } from './runSession';

export interface UpdateFlags extends RunFlags {
  fromAudit?: string;
}

export async function updateCommand(io: CliIo, request: string | undefined, flags: UpdateFlags): Promise<ExitCode> {
  if (flags.fromAudit !== undefined && request !== undefined) {
    throw new UsageError('give either a request or --from-audit <audit-run-id>, not both: with --from-audit the audit\'s findings are the request');
  }
  if (flags.fromAudit === undefined && (request === undefined || request.trim() === '')) {
    throw new UsageError('say what to change, e.g. factory update "add a --json flag", or fix an audit\'s findings with factory update --from-audit <audit-run-id>');
  }
  const prepared = await prepareRun(io, flags);
  const auditId = flags.fromAudit;
  if (auditId === undefined) return runSession(io, flags, prepared, undefined, (deps) => startRun(deps, prepared.config, { mode: 'update', request: request ?? '' }));
  const from = requestFromAudit(prepared.dir, auditId.trim());
  if (!from.ok) throw new UsageError(`${from.why}. Nothing was run.`);
  (flags.json ? io.stderr : io.stdout)(`Updating from audit ${auditId.trim()}: ${from.findings} finding${from.findings === 1 ? '' : 's'} to fix.\n`);
  return runSession(io, flags, prepared, undefined, (deps) => startRun(deps, prepared.config, { mode: 'update', request: from.request, fromAudit: auditId.trim() }));
}
