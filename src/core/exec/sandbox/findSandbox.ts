/**
 * Whether this machine can sandbox commands: Linux with bubblewrap (`bwrap`) that can create its
 * namespaces here, and `prlimit` for the per-process limits. Asked once per process (it runs `bwrap`
 * once), the answer says what to install when something is missing.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export type SandboxTools = { ok: true; bwrap: string; prlimit: string } | { ok: false; why: string };

const INSTALL = 'install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap; Arch: sudo pacman -S bubblewrap)';

/** The program's absolute path on PATH, or undefined. */
export function onPath(program: string, path: string | undefined): string | undefined {
  if (isAbsolute(program)) return executable(program) ? program : undefined;
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, program);
    if (executable(full)) return full;
  }
  return undefined;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

let cached: { key: string; tools: SandboxTools } | undefined;

/**
 * `FACTORY_BWRAP` names the bwrap program when it is not on PATH (or, set to a missing path, makes
 * Factory behave as on a machine without it).
 */
export function findSandbox(env: Readonly<Record<string, string | undefined>> = process.env): SandboxTools {
  const key = `${process.platform}\0${env.FACTORY_BWRAP ?? ''}\0${env.PATH ?? ''}`;
  if (cached?.key === key) return cached.tools;
  const tools = probe(env);
  cached = { key, tools };
  return tools;
}

function probe(env: Readonly<Record<string, string | undefined>>): SandboxTools {
  if (process.platform !== 'linux') return { ok: false, why: `no sandbox on ${process.platform}: Factory sandboxes commands with bubblewrap, on Linux only` };
  const bwrap = onPath(env.FACTORY_BWRAP ?? 'bwrap', env.PATH);
  if (!bwrap) return { ok: false, why: `bubblewrap (bwrap) is not installed: ${INSTALL}` };
  const prlimit = onPath('prlimit', env.PATH);
  if (!prlimit) return { ok: false, why: 'prlimit (util-linux) is not installed, so commands could not be given limits: install util-linux' };
  const tried = spawnSync(bwrap, ['--die-with-parent', '--unshare-all', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--', 'true'], { timeout: 10_000, encoding: 'utf8' });
  if (tried.status !== 0) {
    const said = (tried.stderr || tried.error?.message || `exit ${tried.status ?? tried.signal}`).trim().split('\n')[0];
    return { ok: false, why: `bubblewrap cannot create a sandbox on this machine (${said}): allow unprivileged user namespaces (e.g. sysctl kernel.unprivileged_userns_clone=1, or the AppArmor profile for bwrap on Ubuntu 24.04)` };
  }
  return { ok: true, bwrap, prlimit };
}
