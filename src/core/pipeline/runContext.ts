/**
 * Everything a stage of a run works with, passed in so the same stages run in the CLI, in VS Code
 * and in tests. Stages never reach the editor, the terminal or the network but through these.
 */
import type { FactoryConfig } from '../config/resolve';
import type { AppHandle, AppSpec, CommandRun, CommandSpec, HttpObservation, HttpProbe, SandboxStatus } from '../exec';
import type { ApprovalPort, WorkspacePort } from '../ports';
import type { Effects } from './journal/effects';
import type { Journal } from './journal/journal';
import type { RunFolder } from './journal/runFolder';
import type { LearningStore } from './learningStore';
import type { ModelCaller } from './models/modelCaller';
import type { ProgressEvent } from './progress';

/** How the engine runs commands; the VS Code host refuses in an untrusted workspace. */
export interface ExecPort {
  /** Whether commands run sandboxed, said once per run (absent: a host that does not say, e.g. a test double). */
  readonly sandbox?: SandboxStatus;
  run(spec: CommandSpec, signal?: AbortSignal): Promise<CommandRun>;
  startApp(spec: AppSpec, signal?: AbortSignal): AppHandle;
  httpProbe(port: number, probe: HttpProbe, timeoutMs: number, signal?: AbortSignal): Promise<HttpObservation>;
}

export interface RunContext {
  readonly runId: string;
  readonly request: string;
  readonly config: FactoryConfig;
  /** The project's files: reads and writes with the path checks of the patch engine. */
  readonly workspace: WorkspacePort;
  readonly folder: RunFolder;
  readonly journal: Journal;
  readonly effects: Effects;
  readonly models: ModelCaller;
  readonly exec: ExecPort;
  readonly approval: ApprovalPort;
  readonly learning: LearningStore;
  /** Aborted by cancel (Ctrl-C, "Factory: Cancel Run"): every call and command stops, the run stays resumable. */
  readonly signal: AbortSignal;
  progress(event: ProgressEvent): void;
}
