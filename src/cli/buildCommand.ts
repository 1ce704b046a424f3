/** `factory build "<request>" [--dir D] [--config F] [--json] [--yes]`: a CREATE run in the workspace. */
import { startRun } from '../core/pipeline/runner';
import { UsageError, type CliIo, type ExitCode } from './io';
import { prepareRun, runSession, type RunFlags } from './runSession';

export async function buildCommand(io: CliIo, request: string, flags: RunFlags): Promise<ExitCode> {
  if (request.trim() === '') throw new UsageError('the request is empty: say what to build, e.g. factory build "a slugify library with tests"');
  const prepared = await prepareRun(io, flags);
  return runSession(io, flags, prepared, undefined, (deps) => startRun(deps, prepared.config, request));
}
