/**
 * How a host on Node runs the project's commands: src/core/exec (no shell, timeouts, the whole
 * process group stopped, no secrets in the environment). The CLI uses it as it is; the extension
 * wraps it so nothing runs once the workspace is not trusted.
 */
import { httpProbe, runCommand, startApp } from '../exec';
import type { ExecPort } from './runContext';

export const nodeExec: ExecPort = { run: runCommand, startApp, httpProbe };
