/**
 * The commands of one workspace, run as DESIGN.md's "Where commands run" says: each in the sandbox
 * when there is one (or, by `exec.sandbox`, unsandboxed with a warning, or not at all). The app under
 * verification gets a sandbox of its own that lives as long as it does, and the twin's probes run in
 * that same sandbox: command probes are started there by the bridge (bridgeMain.ts), HTTP probes
 * reach the app's port through it. So probes reach the app, and nothing outside the sandbox does.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type AppHandle, type AppPlace, type AppSpec } from '../app';
import { dialBridge, dialLoopback } from '../dial';
import { httpProbe, type HttpObservation, type HttpProbe } from '../httpProbe';
import { runCommand } from '../runCommand';
import type { CommandRun, CommandSpec } from '../types';
import type { SandboxSettings, SandboxStatus } from './policy';
import { makeSandbox } from './sandbox';

export interface SandboxedExec {
  readonly status: SandboxStatus;
  run(spec: CommandSpec, signal?: AbortSignal): Promise<CommandRun>;
  startApp(spec: AppSpec, signal?: AbortSignal): AppHandle;
  httpProbe(port: number, probe: HttpProbe, timeoutMs: number, signal?: AbortSignal): Promise<HttpObservation>;
}

/** The bridge program: next to the bundle (dist/sandboxBridge.js) or, compiled for tests, next to this file. */
function bridgeScript(): string {
  const bundled = join(__dirname, 'sandboxBridge.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'bridgeMain.js');
}

/** Node itself runs the bridge; inside VS Code that is Electron, told to act as Node. */
const NODE_ENV: Record<string, string> = process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {};

function notStarted(spec: CommandSpec, spawnError: string): CommandRun {
  return { argv: [...spec.argv], cwd: spec.cwd, exitCode: null, signal: null, durationMs: 0, output: '', truncated: false, timedOut: false, cancelled: false, spawnError, sandboxed: false };
}

export function sandboxedExec(workspace: string, settings: SandboxSettings, env: Readonly<Record<string, string | undefined>> = process.env): SandboxedExec {
  const sandbox = makeSandbox(settings, workspace, env);
  const envOf = (spec: CommandSpec) => spec.env ?? process.env;

  const run = (spec: CommandSpec, signal?: AbortSignal): Promise<CommandRun> => {
    const wrapped = sandbox.wrap(spec.argv, spec.cwd, envOf(spec));
    if ('spawnError' in wrapped) return Promise.resolve(notStarted(spec, wrapped.spawnError));
    return runCommand(spec, signal, wrapped);
  };

  const sandboxedPlace = (spec: AppSpec): AppPlace | { spawnError: string } => {
    const missing = sandbox.programProblem(spec.argv, spec.cwd, envOf(spec));
    if (missing) return { spawnError: missing };
    const dir = mkdtempSync(join(tmpdir(), 'factory-app-'));
    const bridge = join(dir, 'bridge.js');
    copyFileSync(bridgeScript(), bridge); // inside the sandbox, where Factory's own folder may be hidden
    const socket = join(dir, 'bridge.sock');
    const wrapped = sandbox.wrap([process.execPath, bridge, 'serve', socket, '--', ...spec.argv], spec.cwd, envOf(spec), [dir]);
    if ('spawnError' in wrapped) {
      rmSync(dir, { recursive: true, force: true });
      return wrapped;
    }
    const release = () => {
      wrapped.release();
      rmSync(dir, { recursive: true, force: true });
    };
    return {
      startAs: { argv: wrapped.argv, sandboxed: true, release },
      dial: dialBridge(socket),
      run: (command, signal) => {
        const problem = sandbox.programProblem(command.argv, command.cwd, envOf(command));
        if (problem) return Promise.resolve(notStarted(command, problem));
        const request = JSON.stringify({ op: 'run', argv: command.argv, cwd: command.cwd, stdin: command.stdin });
        const client = [process.execPath, bridgeScript(), 'run', socket, request];
        return runCommand({ ...command, stdin: undefined, env: { ...envOf(command), ...NODE_ENV } }, signal, { argv: client, sandboxed: true, release: () => undefined });
      },
    };
  };

  return {
    status: sandbox.status,
    run,
    startApp: (spec, signal) => {
      if (!sandbox.status.sandboxed) {
        return startApp(spec, signal, { startAs: { argv: spec.argv, sandboxed: false, release: () => undefined }, dial: dialLoopback, run });
      }
      const place = sandboxedPlace(spec);
      // A program that is not found fails to start as it would outside (ENOENT), and never starts unsandboxed.
      if ('spawnError' in place) return startApp(spec, signal, { startAs: { argv: ['/nonexistent/factory-missing-program'], sandboxed: true, release: () => undefined }, dial: dialLoopback, run });
      return startApp({ ...spec, env: { ...envOf(spec), ...NODE_ENV } }, signal, place);
    },
    httpProbe: (port, probe, timeoutMs, signal) => httpProbe(port, probe, timeoutMs, signal),
  };
}
