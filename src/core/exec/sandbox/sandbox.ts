/**
 * One workspace's sandbox: what the settings and the machine allow (the status said once per run),
 * and how one command is wrapped to run inside it: bubblewrap with the policy's layout, then prlimit
 * with the limits, then the command itself (never a shell), all under a cgroup when root.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, basename, isAbsolute, join, relative, sep } from 'node:path';
import { bwrapArgs } from './bwrapArgs';
import { findSandbox, onPath } from './findSandbox';
import { cgroupCap, rootCgroupWorks } from './processCap';
import type { SandboxSettings, SandboxStatus } from './policy';

/** How one command is started: the argv to spawn, whether it is sandboxed, what to clean up after. */
export interface Wrapped {
  argv: string[];
  sandboxed: boolean;
  release(): void;
}

export interface Sandbox {
  readonly status: SandboxStatus;
  /** Why `argv` cannot start here (its program is not found), as outside a sandbox; undefined when it can. */
  programProblem(argv: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>): string | undefined;
  /**
   * `argv` as it will run: wrapped when sandboxed, as is otherwise; or why it cannot start (the
   * program is not on PATH: said before any sandbox is built, as outside one).
   */
  wrap(argv: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>, extraWritable?: readonly string[]): Wrapped | { spawnError: string };
}

const MIB = 1024 * 1024;
const PRIVATE_DIRS = ['/tmp', '/var/tmp', '/run'];

const inside = (dir: string, root: string): boolean => {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Folders under the home that hold programs commands use: PATH entries, and the running Node's install (nvm, code-server). */
function programsInHome(home: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const dirs = new Set<string>();
  const execDir = dirname(process.execPath);
  const candidates = [...(env.PATH ?? '').split(delimiter), execDir, basename(execDir) === 'bin' ? dirname(execDir) : execDir];
  for (const c of candidates) {
    if (!c || !isAbsolute(c)) continue;
    const r = real(c);
    if (r && r !== home && inside(r, home)) dirs.add(r);
  }
  // A folder inside another one already shown adds nothing.
  return [...dirs].sort().filter((d, i, all) => !all.slice(0, i).some((o) => inside(d, o)));
}

function privateDirs(): string[] {
  return PRIVATE_DIRS.filter((d) => {
    try {
      return lstatSync(d).isDirectory();
    } catch {
      return false;
    }
  });
}

function resolveProgram(program: string, cwd: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (program.includes(sep)) return existsSync(isAbsolute(program) ? program : join(cwd, program)) ? program : undefined;
  return onPath(program, env.PATH);
}

function programProblem(argv: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const [program] = argv;
  if (program && !resolveProgram(program, cwd, env)) return `command not found: ${program} (ENOENT): install it or fix core.commands`;
  return undefined;
}

export function makeSandbox(settings: SandboxSettings, workspace: string, env: Readonly<Record<string, string | undefined>> = process.env): Sandbox {
  const unwrapped: Sandbox['wrap'] = (argv) => ({ argv: [...argv], sandboxed: false, release: () => undefined });
  if (settings.sandbox === 'off') return { status: { mode: 'off', sandboxed: false }, programProblem, wrap: unwrapped };
  const tools = findSandbox(env);
  if (!tools.ok) {
    const status: SandboxStatus =
      settings.sandbox === 'required'
        ? { mode: 'required', sandboxed: false, refusal: `exec.sandbox is "required" but there is no sandbox: ${tools.why}; or set exec.sandbox to "auto" to run commands unsandboxed` }
        : { mode: 'auto', sandboxed: false, warning: `commands run WITHOUT a sandbox: ${tools.why}` };
    return { status, programProblem, wrap: unwrapped };
  }
  const root = process.getuid?.() === 0;
  const cgroups = root && rootCgroupWorks();
  const processCap = !root ? 'RLIMIT_NPROC in the sandbox' : cgroups ? 'a cgroup (pids.max) per command' : 'none: Factory runs as root, whose processes RLIMIT_NPROC does not count, and no cgroup could be created';
  const status: SandboxStatus = {
    mode: settings.sandbox,
    sandboxed: true,
    tool: 'bubblewrap',
    limits: { maxProcesses: settings.maxProcesses, memoryMb: settings.memoryMb, processCap },
    ...(root && !cgroups ? { warning: `the number of processes a command starts is not capped: ${processCap}` } : {}),
  };
  const ws = real(workspace) ?? workspace;
  const home = real(env.HOME ?? homedir());
  const shown = home ? programsInHome(home, env).filter((d) => !inside(d, ws)) : [];
  const hidden = privateDirs();
  const limits = [`--nproc=${settings.maxProcesses}`, `--data=${settings.memoryMb * MIB}`, '--core=0', '--'];

  return {
    status,
    programProblem,
    wrap: (argv, cwd, commandEnv, extraWritable = []) => {
      const missing = programProblem(argv, cwd, commandEnv);
      if (missing) return { spawnError: missing };
      const layout = {
        workspace: ws,
        readOnlyInWorkspace: ['.git', '.factory'].map((n) => join(ws, n)).filter((p) => existsSync(p)),
        home,
        shownInHome: shown,
        privateDirs: hidden,
        extraWritable,
        cwd: real(cwd) ?? cwd,
      };
      const inner = [tools.bwrap, ...bwrapArgs(layout), tools.prlimit, ...limits, ...argv];
      if (!cgroups) return { argv: inner, sandboxed: true, release: () => undefined };
      const cap = cgroupCap(settings.maxProcesses);
      if (!('procsFile' in cap)) return { spawnError: `the command's process cap could not be set up: ${cap.none}` };
      // The first process joins the cgroup before bwrap starts, so nothing it starts escapes the cap.
      return { argv: ['/bin/sh', '-c', 'echo $$ > "$0" && exec "$@"', cap.procsFile, ...inner], sandboxed: true, release: cap.release };
    },
  };
}
