import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import type { FactoryConfig } from '../core/config/resolve';
import { splitCommand } from '../core/exec';
import type { RunLog } from '../core/log/runLog';
import { guardedExec } from '../core/pipeline/guardedExec';
import type { LearningStore } from '../core/pipeline/learningStore';
import { nodeExec } from '../core/pipeline/nodeExec';
import type { RunMode } from '../core/pipeline/journal/events';
import type { ResumeRefusal, RunDeps, RunOutcome } from '../core/pipeline/runner';
import type { EndpointApprovals, WorkspaceEndpoint } from '../core/providers/endpointApprovals';
import { UsageLedger } from '../core/providers/usage';
import type { DashboardState, RunPhase } from '../shared/messages';
import { humanGate, type GateUi } from './gatePrompt';
import type { CommandOutcome, RunEnd } from './outcome';
import { FIX_FINDINGS } from './auditReportLens';
import { VscodePatchHost } from './patchHost';
import { modalConsent } from './runConsent';
import { createExtensionGateway } from './providers/extensionGateway';
import type { RunWatch, RunWatcher } from './runWatch';
import { RunView } from './runView';
import { UNTRUSTED_DETAIL } from './trust';

export interface RunHostDeps {
  secrets: vscode.SecretStorage;
  log: RunLog;
  approvals: EndpointApprovals;
  update: (change: Partial<DashboardState>) => void;
  /** The gate's questions: modals for a person, scripted answers in the integration tests. */
  gateUi: () => GateUi;
  /** Where runs recall and keep learnings (the extension's global storage). */
  learning: LearningStore;
  /** Editor features that follow each run (diagnostics, blueprint CodeLens, status bar). */
  watchers?: readonly RunWatcher[];
}

export interface RunRequest {
  command: string;
  config: FactoryConfig;
  workspaceEndpoints: readonly WorkspaceEndpoint[];
  folder: vscode.Uri;
  /** What the run builds (shown on the dashboard). */
  request: string;
  /** AUDIT: its end is worded as an audit's (done, could not finish); default CREATE. */
  mode?: RunMode;
  /** Set when resuming. */
  runId?: string;
  go: (deps: RunDeps) => Promise<RunOutcome | ResumeRefusal>;
}

interface Current {
  controller: AbortController;
  runId: string | undefined;
  /** Why the run is being stopped, when it was not "Factory: Cancel Run". */
  why: string | undefined;
  done: Promise<CommandOutcome>;
  /** The editor features following this run. */
  watches: readonly RunWatch[];
}

const PHASE: Record<RunEnd['state'], RunPhase> = { shipped: 'done', not_shipped: 'failed', stopped: 'stopped' };
const STATE_WORDS: Record<RunEnd['state'], string> = { shipped: 'shipped', not_shipped: 'did not ship', stopped: 'stopped (resumable)' };
const AUDIT_WORDS: Record<RunEnd['state'], string> = { shipped: 'is done', not_shipped: 'could not finish', stopped: 'stopped (resumable)' };
export const RESUME_HINT = 'Resume it with "Factory: Resume Run".';

/**
 * Runs the pipeline inside VS Code, one run at a time: the files through the editor (VscodePatchHost),
 * the models through the extension's gateway, commands only while the workspace is trusted, the gate
 * in a modal, learnings recalled from and kept in the extension's global storage; progress in the log and on the dashboard, and a
 * notification with the report when the run ends.
 */
export class RunHost implements vscode.Disposable {
  private current: Current | undefined;

  constructor(private readonly deps: RunHostDeps) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Why a new run cannot start now, or undefined. */
  busy(): string | undefined {
    const c = this.current;
    return c ? `A Factory run${c.runId ? ` (${c.runId})` : ''} is already going; one run at a time. Wait for it, or stop it with "Factory: Cancel Run".` : undefined;
  }

  /** Drives the run to its end; resolves with how it ended. */
  run(r: RunRequest): Promise<CommandOutcome> {
    const controller = new AbortController();
    // Every call and command in flight listens to it (a wave's tasks, their gates): more than Node's default 10 is normal.
    setMaxListeners(64, controller.signal);
    const watches = (this.deps.watchers ?? []).map((w) => w({ folder: r.folder, runId: r.runId }));
    const current: Current = { controller, runId: r.runId, why: undefined, done: Promise.resolve({ command: r.command, status: 'idle', detail: '' }), watches };
    const stop = (why: string): void => {
      current.why ??= why;
      controller.abort();
    };
    this.current = current;
    current.done = this.drive(r, current, stop).finally(() => {
      for (const w of watches) w.end?.(current.runId);
      if (this.current === current) this.current = undefined;
    });
    return current.done;
  }

  /** "Factory: Cancel Run": the run's signal is aborted; resolves once the run has ended (stopped, resumable). */
  async cancel(): Promise<CommandOutcome> {
    const c = this.current;
    if (!c) return { command: 'factory.cancel', status: 'idle', detail: 'No Factory run is in progress, so there is nothing to cancel.' };
    c.controller.abort();
    const ended = await c.done;
    const id = ended.run?.id ?? c.runId;
    return {
      command: 'factory.cancel',
      status: 'done',
      detail: `The run${id ? ` ${id}` : ''} was cancelled and ${ended.run ? `ended ${STATE_WORDS[ended.run.state]}` : 'ended'}; the workspace is as its last finished step left it. ${RESUME_HINT}`,
      ...(ended.run && { run: ended.run }),
    };
  }

  dispose(): void {
    this.current?.controller.abort();
  }

  private async drive(r: RunRequest, current: Current, stop: (why: string) => void): Promise<CommandOutcome> {
    const { log, update } = this.deps;
    const view = new RunView(log, update, r.config.thresholds);
    update({ phase: 'running', stage: r.runId ? `resuming ${r.runId}` : 'starting', request: r.request, scores: [], notice: null });
    log.info('run', `${r.runId ? `resuming run ${r.runId}` : 'starting a run'}: ${r.request}`);
    const runDeps: RunDeps = {
      workspace: new VscodePatchHost(r.folder),
      exec: guardedExec(nodeExec, () => {
        if (vscode.workspace.isTrusted) return undefined;
        // Refused at the moment of the call; the run stops resumably rather than charge a model for it.
        stop('the workspace is not trusted');
        return UNTRUSTED_DETAIL;
      }),
      approval: { ...humanGate(this.deps.gateUi, () => stop('the gate question was closed without an answer')), askToRun: modalConsent(this.deps.gateUi) },
      learning: this.deps.learning,
      split: splitCommand,
      gateway: ({ spentUsd, onEvent }) =>
        createExtensionGateway({
          secrets: this.deps.secrets,
          config: r.config,
          workspaceEndpoints: r.workspaceEndpoints,
          approvals: this.deps.approvals,
          ledger: new UsageLedger(spentUsd),
          onEvent: (e) => {
            onEvent(e);
            view.gateway(e);
          },
        }),
      progress: (e) => {
        view.progress(e);
        for (const w of current.watches) w.progress?.(e);
      },
      onJournal: (e) => {
        if (e.type === 'run') current.runId = e.runId;
        view.journal(e);
        for (const w of current.watches) w.journal?.(e);
      },
      signal: current.controller.signal,
    };
    let outcome: RunOutcome | ResumeRefusal;
    try {
      outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Factory', cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => current.controller.abort());
          return r.go(runDeps);
        },
      );
    } catch (e) {
      // A bug, not a stop: the journal holds a `crash` note; the run can still be resumed after a fix.
      const message = e instanceof Error ? e.message : String(e);
      const detail = `The run${current.runId ? ` ${current.runId}` : ''} failed: ${message}`;
      log.error('run', e instanceof Error ? (e.stack ?? message) : message);
      update({ phase: 'failed', notice: detail });
      void vscode.window.showErrorMessage(`Factory: ${detail}`);
      return { command: r.command, status: 'failed', detail };
    }
    if ('refused' in outcome) {
      const detail = `${outcome.refused.replace('(see `factory runs`)', '("Factory: Resume Run" lists them)')}. Nothing was run.`;
      update({ phase: 'idle', stage: '', notice: detail });
      void vscode.window.showWarningMessage(`Factory: ${detail}`);
      return { command: r.command, status: 'refused', detail };
    }
    const end: RunEnd = { id: outcome.runId, state: outcome.state, reason: outcome.reason, reportFile: outcome.reportFile };
    // The engine ends a stopped run's reason with the CLI's resume command; VS Code has its own.
    const reason = outcome.reason.replace(/\s*Resume with: factory resume \S+\s*$/, '');
    const why = current.why && outcome.state === 'stopped' ? ` (${current.why})` : '';
    const words = r.mode === 'audit' ? `Audit ${outcome.runId} ${AUDIT_WORDS[outcome.state]}` : `Run ${outcome.runId} ${STATE_WORDS[outcome.state]}`;
    const detail = `${words}${why}: ${reason}${outcome.state === 'stopped' ? ` ${RESUME_HINT}` : ''}`;
    update({ phase: PHASE[outcome.state], notice: detail });
    const { auditFindingCount } = await import('./auditReportLens.js');
    void this.announce(detail, end, await auditFindingCount(outcome.journalFile));
    return { command: r.command, status: 'done', detail, target: r.folder.fsPath, run: end };
  }

  /** The notification at the end of a run, with its report one click away; an audit with findings offers to fix them. */
  private async announce(detail: string, end: RunEnd, findings: number): Promise<void> {
    const show = end.state === 'shipped' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    const actions = end.state === 'stopped' ? ['Open Report', 'Resume'] : ['Open Report'];
    if (findings > 0 && end.state !== 'stopped') actions.push(FIX_FINDINGS);
    const pick = await show(`Factory: ${detail}`, ...actions);
    if (pick === 'Open Report') await vscode.window.showTextDocument(vscode.Uri.file(end.reportFile));
    if (pick === 'Resume') await vscode.commands.executeCommand('factory.resume', end.id);
    if (pick === FIX_FINDINGS) await vscode.commands.executeCommand('factory.updateFromAudit', vscode.Uri.file(end.reportFile));
  }
}
