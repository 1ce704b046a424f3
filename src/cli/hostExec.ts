/**
 * How the CLI runs the project's commands: src/core/exec (no shell, timeouts, the whole process
 * group stopped, no secrets in the environment), and how it splits the blueprint's command lines.
 */
import { httpProbe, runCommand, splitCommand, startApp } from '../core/exec';
import type { ExecPort } from '../core/pipeline/runContext';

export const hostExec: ExecPort = { run: runCommand, startApp, httpProbe };

export const hostSplit = splitCommand;
