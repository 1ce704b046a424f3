import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import type { FactoryConfig } from '../core/config/resolve';
import { splitCommand } from '../core/exec';
import type { RunLog } from '../core/log/runLog';
import { guardedExec } from '../core/pipeline/guardedExec';
import type { LearningStore } from '../core/pipeline/learningStore';
import { nodeExec } from '../core/pipeline/nodeExec';
import type { Journalled, RunMode } from '../core/pipeline/journal/events';
import type { CallText } from '../core/pipeline/models/callText';
import type { ResumeRefusal, RunDeps, RunOutcome } from '../core/pipeline/runner';
import type { EndpointApprovals, WorkspaceEndpoint } from '../core/providers/endpointApprovals';
import { UsageLedger } from '../core/providers/usage';
import type { DashboardState, GateChoice, RunPhase } from '../shared/messages';
import type { ContextKeys } from './contextKeys';
import { ACCEPT, humanGate, REJECT, type GateUi } from './gatePrompt';
import { endNotice, notStarted } from './notices';
import type { Notifier } from './notify';
import type { CommandOutcome, RunEnd } from './outcome';
import { VscodePatchHost } from './patchHost';
import { modalConsent } from './runConsent';
import { createExtensionGateway } from './providers/extensionGateway';
import type { RunWatch as EditorWatch, RunWatcher } from './runWatch';
import { RunView } from './runView';
import { UNTRUSTED_DETAIL } from './trust';
import type { ProgressRunner } from './watchedProgress';

export interface RunHostDeps {
  secrets: vscode.SecretStorage;
  log: RunLog;
  approvals: EndpointApprovals;
  update: (change: Partial<DashboardState>) => void;
  /** The gate's questions: modals for a person, scripted answers in the integration tests. */
  gateUi: () => GateUi;
  /** Where runs recall and keep learnings (the extension's global storage). */
  learning: LearningStore;
  notifier: Notifier;
  /** factory.running while a run goes; factory.canResume re-read when it ends. */
  keys: ContextKeys;
  /** The dashboard following the run: told when it starts, of each journal event, and when it ends. */
  watch?: RunWatch;
  /** Editor features that follow each run (diagnostics, blueprint CodeLens, status bar). */
  watchers?: readonly RunWatcher[];
  /** Shows the run's cancellable progress notification; default vscode.window.withProgress (the tests watch it). */
  withProgress?: ProgressRunner;
}

export interface RunWatch {
  begin(folder: string, resumeId?: string): void;
  event(e: Journalled): void;
  /** A model call's text as it arrives (never journalled). */
  text?(e: CallText): void;
  end(): void;
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
  /** Stopped because the person asked (Cancel Run, the notification's Cancel). */
  cancelled: boolean;
  /** Set while the gate waits for a person: answers it from the dashboard. */
  answerGate: ((choice: GateChoice) => void) | undefined;
  done: Promise<CommandOutcome>;
  /** The editor features following this run. */
  watches: readonly EditorWatch[];
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
    const current: Current = { controller, runId: r.runId, why: undefined, cancelled: false, answerGate: undefined, done: Promise.resolve({ command: r.command, status: 'idle', detail: '' }), watches };
    const stop = (why: string): void => {
      current.why ??= why;
      controller.abort();
    };
    this.current = current;
    this.deps.keys.set('factory.running', true);
    current.done = this.drive(r, current, stop).finally(() => {
      for (const w of watches) w.end?.(current.runId);
      if (this.current !== current) return;
      this.current = undefined;
      this.deps.keys.set('factory.running', false);
      void this.deps.keys.refreshResumable(r.folder);
      // The run is no longer driven: an unfinished journal (a crash) now shows where it stopped.
      this.deps.watch?.end();
      this.deps.update({});
    });
    return current.done;
  }

  /** "Factory: Cancel Run": the run's signal is aborted; resolves once the run has ended (stopped, resumable). */
  async cancel(): Promise<CommandOutcome> {
    const c = this.current;
    if (!c) return { command: 'factory.cancel', status: 'idle', detail: 'No Factory run is in progress, so there is nothing to cancel.' };
    c.cancelled = true;
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

  /** The dashboard's Approve / Reject for the gate the run `runId` waits on; false when it waits on none. */
  answerGate(runId: string, choice: GateChoice): boolean {
    const c = this.current;
    if (!c?.answerGate || c.runId !== runId) return false;
    c.answerGate(choice);
    return true;
  }

  dispose(): void {
    this.current?.controller.abort();
  }

  /** The gate's questions, where the dashboard's Approve / Reject also answer the first one. */
  private gateUi(current: Current): GateUi {
    const ui = this.deps.gateUi();
    return {
      ...ui,
      choose: (summary) =>
        new Promise<string | undefined>((resolve) => {
          let settled = false;
          const settle = (pick: string | undefined): void => {
            if (settled) return;
            settled = true;
            current.answerGate = undefined;
            resolve(pick);
          };
          current.answerGate = (choice) => settle(choice === 'ACCEPT' ? ACCEPT : REJECT);
          ui.choose(summary).then(settle, () => settle(undefined));
        }),
    };
  }

  private async drive(r: RunRequest, current: Current, stop: (why: string) => void): Promise<CommandOutcome> {
    const { log } = this.deps;
    // The stage also goes to the progress notification, once it is open.
    let report: ((message: string) => void) | undefined;
    const update = (change: Partial<DashboardState>): void => {
      this.deps.update(change);
      if (change.stage) report?.(change.stage);
    };
    const view = new RunView(log, update);
    this.deps.watch?.begin(r.folder.fsPath, r.runId);
    update({ phase: 'running', stage: r.runId ? `resuming ${r.runId}` : 'starting', request: r.request, notice: null });
    log.info('run', `${r.runId ? `resuming run ${r.runId}` : 'starting a run'}: ${r.request}`);
    const runDeps: RunDeps = {
      workspace: new VscodePatchHost(r.folder),
      exec: guardedExec(nodeExec(r.folder.fsPath, r.config.exec), () => {
        if (vscode.workspace.isTrusted) return undefined;
        // Refused at the moment of the call; the run stops resumably rather than charge a model for it.
        stop('the workspace is not trusted');
        return UNTRUSTED_DETAIL;
      }),
      approval: { ...humanGate(() => this.gateUi(current), () => stop('the gate question was closed without an answer')), askToRun: modalConsent(this.deps.gateUi) },
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
        this.deps.watch?.event(e);
        for (const w of current.watches) w.journal?.(e);
      },
      callText: (e) => this.deps.watch?.text?.(e),
      signal: current.controller.signal,
    };
    let outcome: RunOutcome | ResumeRefusal;
    try {
      const title = r.mode === 'audit' ? 'Factory: auditing' : r.runId ? 'Factory: resuming' : r.mode === 'update' ? 'Factory: updating' : 'Factory: building';
      const withProgress: ProgressRunner = this.deps.withProgress ?? ((options, task) => vscode.window.withProgress(options, task));
      outcome = await withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        report = (message) => progress.report({ message });
        report(r.request.length > 60 ? `${r.request.slice(0, 59)}…` : r.request);
        token.onCancellationRequested(() => {
          current.cancelled = true;
          current.controller.abort();
        });
        return r.go(runDeps);
      });
    } catch (e) {
      // A bug, not a stop: the journal holds a `crash` note; the run can still be resumed after a fix.
      const message = e instanceof Error ? e.message : String(e);
      const detail = `The run${current.runId ? ` ${current.runId}` : ''} failed: ${message}`;
      log.error('run', e instanceof Error ? (e.stack ?? message) : message);
      update({ phase: 'failed', notice: detail });
      void this.deps.notifier.show({ level: 'error', text: `Run failed (a bug in Factory): ${message}${current.runId ? ` (run ${current.runId}; Resume Run can go on after a fix)` : ''}`, actions: [] });
      return { command: r.command, status: 'failed', detail };
    }
    if ('refused' in outcome) {
      const detail = `${outcome.refused.replace('(see `factory runs`)', '("Factory: Resume Run" lists them)')}. Nothing was run.`;
      update({ phase: 'idle', stage: '', notice: detail });
      void this.deps.notifier.show(notStarted(r.runId ? 'Resume' : 'Run', [detail]));
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
    const findings = outcome.state === 'stopped' ? 0 : await auditFindingCount(outcome.journalFile);
    void this.deps.notifier.show(
      endNotice({
        mode: r.mode ?? 'create',
        state: outcome.state,
        runId: outcome.runId,
        request: r.request,
        reason,
        ...(current.why && { why: current.why }),
        cancelled: current.cancelled && !current.why,
        reportFile: outcome.reportFile,
        findings,
      }),
    );
    return { command: r.command, status: 'done', detail, target: r.folder.fsPath, run: end };
  }
}
