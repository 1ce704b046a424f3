/**
 * How a host on Node runs the project's commands: src/core/exec (no shell, timeouts, the whole
 * process group stopped, no secrets in the environment), in the sandbox that `exec.sandbox` and the
 * machine allow. The CLI uses it as it is; the extension wraps it so nothing runs once the workspace
 * is not trusted. With `exec.sandbox: "required"` and no sandbox, every command is refused.
 */
import { sandboxedExec, type SandboxSettings } from '../exec';
import { guardedExec } from './guardedExec';
import type { ExecPort } from './runContext';

export function nodeExec(workspace: string, settings: SandboxSettings, env: Readonly<Record<string, string | undefined>> = process.env): ExecPort {
  const exec = sandboxedExec(workspace, settings, env);
  const port: ExecPort = { ...exec, sandbox: exec.status };
  const refusal = exec.status.refusal;
  return refusal === undefined ? port : guardedExec(port, () => refusal);
}
