/** `factory resume <run-id> [--dir D] [--config F] [--json] [--yes]`: a stopped run goes on from its journal. */
import { resumeRun } from '../core/pipeline/runner';
import type { CliIo, ExitCode } from './io';
import { prepareRun, runSession, type RunFlags } from './runSession';

export async function resumeCommand(io: CliIo, runId: string, flags: RunFlags): Promise<ExitCode> {
  const prepared = await prepareRun(io, flags);
  return runSession(io, flags, prepared, runId, (deps) => resumeRun(deps, prepared.config, runId));
}
