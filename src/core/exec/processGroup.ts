/**
 * Stopping a command means stopping everything it started. Each command runs as the leader of its
 * own process group (spawned detached), so one signal to -pid reaches its children and
 * grandchildren: a test runner's workers, a `sleep` left in the background, a dev server's watcher.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Sends `signal` to the whole group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a member we may not signal (it changed user); nothing more we can do for it.
    return false;
  }
}

/**
 * Whether any member of the group is still running. A member whose parent was killed is reparented
 * and stays a zombie until init reaps it (slowly, in some containers); a signal probe counts it, so
 * on Linux the members are read from /proc and zombies are not counted.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return true;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the group is gone or `ms` passed; true when gone. */
async function waitGone(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() >= until) return false;
    await sleep(25);
  }
  return true;
}

/**
 * SIGTERM to the group, SIGKILL after `graceMs` if anything is left; resolves when the group is gone
 * (or, past the SIGKILL, after a short wait: a zombie its parent has not reaped yet is harmless).
 */
export async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  if (await waitGone(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await waitGone(pgid, 1000);
}

/**
 * Groups still running. If Factory itself exits (a crash, an uncaught error, process.exit), they
 * are killed on the way out, so no test server or watcher outlives the run that started it.
 */
const live = new Set<number>();
let hooked = false;

export function trackGroup(pgid: number): void {
  live.add(pgid);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const g of live) signalGroup(g, 'SIGKILL');
    });
  }
}

export function untrackGroup(pgid: number): void {
  live.delete(pgid);
}
