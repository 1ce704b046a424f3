/**
 * What the sandbox is asked to do: whether to use one (`exec.sandbox`) and the limits each command
 * gets inside it. DESIGN.md, "Where commands run", is the policy these settings serve.
 */

/** `auto`: sandbox when one is available, else run unsandboxed with a warning; `required`: refuse without one; `off`: never. */
export type SandboxMode = 'auto' | 'required' | 'off';

/** The shape of the `exec` settings (config `exec`, VS Code `factory.exec.*`). */
export interface SandboxSettings {
  sandbox: SandboxMode;
  /** Processes one sandboxed command may have at once (its whole tree): a fork bomb stops there. */
  maxProcesses: number;
  /** Memory (data segment) one process may allocate, in MiB: a runaway allocation fails there. */
  memoryMb: number;
}

/** How commands run, said once per run (journal, run log, dashboard, report.md). */
export interface SandboxStatus {
  mode: SandboxMode;
  /** Whether commands run inside the sandbox. */
  sandboxed: boolean;
  /** The tool, when sandboxed. */
  tool?: 'bubblewrap';
  /** Why commands run without a sandbox and what to install (mode `auto`, none available). */
  warning?: string;
  /** Why nothing may run (mode `required`, none available): the run is refused with it. */
  refusal?: string;
  /** The caps each command gets, when sandboxed; `processCap` says how the process count is held. */
  limits?: { maxProcesses: number; memoryMb: number; processCap: string };
}
