/**
 * The cap on a sandboxed command's process count. For an ordinary user it is RLIMIT_NPROC, set by
 * prlimit inside the sandbox (counted in the sandbox's own user namespace). The kernel exempts root
 * from that limit, so when Factory runs as root (containers, CI) each command gets its own cgroup
 * with pids.max instead, when the cgroup file system lets it create one.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface CgroupCap {
  /** Write the first process's pid here to put it (and all it starts) under the cap. */
  procsFile: string;
  /** Removes the cgroup once its processes are gone. */
  release(): void;
}

/** The folder of this process's pids cgroup, if it is a cgroup v1 pids hierarchy or cgroup v2. */
function ownPidsCgroup(): string | undefined {
  let lines: string[];
  try {
    lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n');
  } catch {
    return undefined;
  }
  for (const line of lines) {
    const [, controllers, path] = line.split(':');
    if (path === undefined) continue;
    if (controllers?.split(',').includes('pids') && existsSync('/sys/fs/cgroup/pids')) return join('/sys/fs/cgroup/pids', path);
  }
  const unified = lines.find((l) => l.startsWith('0::'));
  if (unified && existsSync('/sys/fs/cgroup/cgroup.controllers')) return join('/sys/fs/cgroup', unified.slice(3));
  return undefined;
}

let made = 0;

/** A fresh cgroup with pids.max = `max`, or why there is none. */
export function cgroupCap(max: number): CgroupCap | { none: string } {
  const base = ownPidsCgroup();
  if (!base) return { none: 'no pids cgroup to create one under' };
  const dir = join(base, `factory-${process.pid}-${++made}`);
  try {
    mkdirSync(dir);
  } catch (e) {
    return { none: `cannot create a cgroup (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  try {
    writeFileSync(join(dir, 'pids.max'), String(max));
  } catch (e) {
    removeLater(dir);
    return { none: `cannot set pids.max (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  return { procsFile: join(dir, 'cgroup.procs'), release: () => removeLater(dir) };
}

/** A cgroup can be removed only once empty; the last processes may take a moment to be reaped. */
function removeLater(dir: string, tries = 20): void {
  try {
    rmdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' && tries > 0) setTimeout(() => removeLater(dir, tries - 1), 100).unref();
  }
}

/** Whether cgroups can cap this (root) process's commands: tried once. */
let rootCapWorks: boolean | undefined;
export function rootCgroupWorks(): boolean {
  if (rootCapWorks === undefined) {
    const probe = cgroupCap(64);
    rootCapWorks = 'procsFile' in probe;
    if ('procsFile' in probe) probe.release();
  }
  return rootCapWorks;
}
