/** `factory resume <run-id> [--dir D] [--config F] [--json] [--yes]`: a stopped run goes on from its journal. */
import { join } from 'node:path';
import { readJournal } from '../core/pipeline/journal/journal';
import { RUNS_DIR } from '../core/pipeline/journal/runFolder';
import { resumeRun } from '../core/pipeline/runner';
import { AUDIT_NEEDS } from './auditCommand';
import type { CliIo, ExitCode } from './io';
import { prepareRun, runSession, type RunFlags, type RunNeeds } from './runSession';
import { workspaceDir } from './workspaceDir';

export async function resumeCommand(io: CliIo, runId: string, flags: RunFlags): Promise<ExitCode> {
  const prepared = await prepareRun(io, flags, await needsOf(io, runId, flags));
  return runSession(io, flags, prepared, runId, (deps) => resumeRun(deps, prepared.config, runId));
}

/** What the run needs by its mode (the journal's `run` event): an audit has no gate and calls three roles. */
async function needsOf(io: CliIo, runId: string, flags: RunFlags): Promise<RunNeeds> {
  if (!/^[A-Za-z0-9._-]+$/.test(runId)) return {};
  const dir = await workspaceDir(io.cwd, flags.dir);
  const start = readJournal(join(dir, RUNS_DIR, runId, 'journal.jsonl')).find((e) => e.type === 'run');
  return start?.type === 'run' && start.mode === 'audit' ? AUDIT_NEEDS : {};
}
