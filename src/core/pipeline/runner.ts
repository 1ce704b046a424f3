/**
 * Starting and resuming a run: the run folder and its journal, the durable effects, the model
 * caller over the host's gateway, then createRun; at the end the `end` event and report.md. A run
 * stopped by cancel, the budget, a provider that could not answer, or a kill stays resumable:
 * `resumeRun` goes through the same stages, reusing every recorded effect.
 */
import type { FactoryConfig } from '../config/resolve';
import type { ApprovalPort, WorkspacePort } from '../ports';
import { ProviderError } from '../providers/errors';
import type { GatewayEvent } from '../providers/gateway';
import { FACTORY_VERSION } from '../version';
import type { SplitCommand } from './blueprint/checkBlueprint';
import type { Journalled, RunState } from './journal/events';
import { Effects } from './journal/effects';
import { Journal, readJournal } from './journal/journal';
import { newRunId, RunFolder } from './journal/runFolder';
import type { LearningStore } from './learningStore';
import type { CallText } from './models/callText';
import { ModelCaller, type ModelGateway } from './models/modelCaller';
import { pipelineFor, type RunStart } from './modes';
import type { ProgressEvent } from './progress';
import { renderReport } from './report/writeReport';
import { ExecRefused } from './guardedExec';
import type { ExecPort, RunContext } from './runContext';
import { spentUsd } from './spent';

export interface RunDeps {
  workspace: WorkspacePort;
  exec: ExecPort;
  approval: ApprovalPort;
  learning: LearningStore;
  split: SplitCommand;
  /** The host's gateway for this run: its ledger starts at what the run already spent. */
  gateway: (setup: { spentUsd: number; onEvent: (e: GatewayEvent) => void }) => ModelGateway;
  progress: (e: ProgressEvent) => void;
  onJournal?: (e: Journalled) => void;
  /** Each model call's text as it arrives (a screen that shows it growing); the journal keeps only answers. */
  callText?: (e: CallText) => void;
  signal: AbortSignal;
  now?: () => Date;
}

export interface RunOutcome {
  runId: string;
  state: Exclude<RunState, 'running'>;
  reason: string;
  reportFile: string;
  journalFile: string;
}

export type ResumeRefusal = { refused: string };

/** Starts a run; `start` is the request of a CREATE run, or the mode and what it works on. */
export async function startRun(deps: RunDeps, config: FactoryConfig, start: string | RunStart): Promise<RunOutcome> {
  const how: RunStart = typeof start === 'string' ? { mode: 'create', request: start } : start;
  const runId = newRunId(deps.now?.());
  const folder = new RunFolder(deps.workspace.root, runId);
  folder.create();
  const journal = new Journal(folder.journalFile, deps.onJournal);
  journal.append({
    type: 'run',
    runId,
    mode: how.mode,
    request: how.request,
    version: FACTORY_VERSION,
    dir: deps.workspace.root,
    ...(how.path !== undefined && { path: how.path }),
    ...(how.fromAudit !== undefined && { fromAudit: how.fromAudit }),
  });
  return drive(deps, config, folder, journal, how);
}

export async function resumeRun(deps: RunDeps, config: FactoryConfig, runId: string): Promise<RunOutcome | ResumeRefusal> {
  if (!/^[A-Za-z0-9._-]+$/.test(runId)) return { refused: `"${runId}" is not a run id (see \`factory runs\`)` };
  const folder = new RunFolder(deps.workspace.root, runId);
  if (!folder.exists()) return { refused: `there is no run ${runId} in ${deps.workspace.root} (see \`factory runs\`)` };
  const past = readJournal(folder.journalFile);
  const start = past.find((e) => e.type === 'run');
  if (start?.type !== 'run') return { refused: `the journal of run ${runId} has no start; it cannot be resumed` };
  const end = [...past].reverse().find((e) => e.type === 'end' || e.type === 'resumed');
  if (end?.type === 'end' && end.state !== 'stopped') return { refused: `run ${runId} already ended (${end.state.replace('_', ' ')}: ${end.reason}); start a new run` };
  let journal: Journal;
  try {
    journal = new Journal(folder.journalFile, deps.onJournal);
  } catch (e) {
    return { refused: `run ${runId} cannot be resumed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const attempt = past.filter((e) => e.type === 'resumed').length + 1;
  journal.append({ type: 'resumed', attempt });
  const how: RunStart = {
    mode: start.mode,
    request: start.request,
    ...(start.path !== undefined && { path: start.path }),
    ...(start.fromAudit !== undefined && { fromAudit: start.fromAudit }),
  };
  return drive(deps, config, folder, journal, how);
}

/**
 * Whether commands run sandboxed, once per run and resume (journal → run log, dashboard, report.md);
 * a run that may not run commands at all (`exec.sandbox: "required"`, no sandbox) stops before any call.
 */
function sayWhereCommandsRun(ctx: RunContext): void {
  const status = ctx.exec.sandbox;
  if (!status) return;
  ctx.journal.append({ type: 'note', topic: 'sandbox', data: { ...status } });
  if (status.refusal !== undefined) throw new ExecRefused(`no command may run: ${status.refusal}`);
  if (status.sandboxed) ctx.progress({ kind: 'info', message: `sandbox: commands run in ${status.tool ?? 'a sandbox'} (the workspace writable, the home hidden, no network)` });
  else if (status.mode === 'off') ctx.progress({ kind: 'info', message: 'sandbox: commands run without a sandbox (exec.sandbox is "off")' });
  if (status.warning !== undefined) ctx.progress({ kind: 'warn', message: `sandbox: ${status.warning}` });
}

async function drive(deps: RunDeps, config: FactoryConfig, folder: RunFolder, journal: Journal, how: RunStart): Promise<RunOutcome> {
  const request = how.request;
  const effects = new Effects(journal);
  const onEvent = (e: GatewayEvent): void => {
    if (e.type === 'failedAttempt') journal.append({ type: 'note', topic: 'failedAttempt', data: { ...e.attempt, usd: e.attempt.cost.usd } });
    else if (e.type !== 'call') journal.append({ type: 'note', topic: `gateway.${e.type}`, data: e });
  };
  const gateway = deps.gateway({ spentUsd: spentUsd(journal.all()), onEvent });
  // Stage changes are journalled too, so `factory runs`, the dashboard and report.md can tell where a run is.
  const progress = (e: ProgressEvent): void => {
    if (e.kind === 'stage') journal.append({ type: 'stage', stage: e.stage, ...(e.detail !== undefined && { note: e.detail }) });
    deps.progress(e);
  };
  const models = new ModelCaller(folder.runId, gateway, effects, config.limits.repairs, deps.signal, progress, deps.callText);
  const ctx: RunContext = {
    runId: folder.runId,
    request,
    config,
    workspace: deps.workspace,
    folder,
    journal,
    effects,
    models,
    exec: deps.exec,
    approval: deps.approval,
    learning: deps.learning,
    signal: deps.signal,
    progress,
  };
  let state: RunOutcome['state'];
  let reason: string;
  try {
    sayWhereCommandsRun(ctx);
    const end = await pipelineFor(how)(ctx, deps.split);
    state = end.state;
    reason = end.reason;
  } catch (e) {
    const stop = stopReason(e, deps.signal);
    if (stop === undefined) {
      journal.append({ type: 'note', topic: 'crash', data: { message: e instanceof Error ? (e.stack ?? e.message) : String(e) } });
      journal.close();
      throw e;
    }
    state = 'stopped';
    reason = `${stop} Resume with: factory resume ${folder.runId}`;
  }
  journal.append({ type: 'end', state, reason });
  if (effects.replayed > 0) deps.progress({ kind: 'info', message: `${effects.replayed} recorded step${effects.replayed === 1 ? '' : 's'} reused from the journal` });
  folder.writeText(folder.reportFile, renderReport(folder.runId, journal.all()));
  journal.close();
  return { runId: folder.runId, state, reason, reportFile: folder.reportFile, journalFile: folder.journalFile };
}

/** Why a run stopped where it can be resumed; undefined for a bug. */
function stopReason(e: unknown, signal: AbortSignal): string | undefined {
  if (signal.aborted) return 'The run was cancelled; the workspace is as the last finished step left it.';
  // Commands may not run here (no sandbox while one is required): nothing the models did failed.
  if (e instanceof ExecRefused) return `${e.message}.`;
  if (e instanceof ProviderError) {
    if (e.kind === 'budget') return `The budget was reached: ${e.message} Raise limits.budgetUsd to go on.`;
    if (e.kind === 'cancelled') return 'The run was cancelled; the workspace is as the last finished step left it.';
    return `A model call failed: ${e.message}`;
  }
  return undefined;
}
