/**
 * Which paths a TDD phase may write (DAC.md, "task_result"; DESIGN.md, "What models may write"):
 * only the task's files, and after RED not its tests. A path is judged by what it really is: a
 * task's file that is a link to another file is judged as that file, so a link cannot carry a block
 * out of the task or into a frozen test.
 */
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { checkPatchPath } from '../../blocks/safePath';
import { parseBlocks } from '../../patch/parseBlocks';
import type { BlueprintTask } from '../../protocol';

export type TaskPhase = 'tests' | 'implementation' | 'refactor';

export type PathPolicy = (path: string) => string | undefined;

/** The rule by name alone: a reason to refuse `path`, or undefined. */
export function ruleFor(task: BlueprintTask, phase: TaskPhase, path: string): string | undefined {
  if (!task.files.includes(path)) return `${path} is not one of task ${task.id}'s files (${task.files.join(', ')}); blocks may change only those`;
  if (phase !== 'tests' && task.tests.includes(path)) {
    return `${path} is a test of task ${task.id}, frozen since the tests were seen failing (RED); change the code so it passes the tests as they are`;
  }
  return undefined;
}

/**
 * The policy for one reply: every path its blocks name is resolved on disk first (the policy the
 * patch engine calls is synchronous), then judged by name and by what it really is.
 */
export async function taskPolicy(root: string, task: BlueprintTask, phase: TaskPhase, reply: string): Promise<PathPolicy> {
  const real = new Map<string, string | { refused: string }>();
  for (const item of parseBlocks(reply)) {
    if (!item.ok) continue;
    const checked = checkPatchPath(item.block.path);
    if (!checked.ok || real.has(checked.path) || ruleFor(task, phase, checked.path) !== undefined) continue;
    real.set(checked.path, await realRelative(root, checked.path));
  }
  return (path) => {
    const byName = ruleFor(task, phase, path);
    if (byName !== undefined) return byName;
    const target = real.get(path);
    if (target === undefined || target === path) return undefined;
    if (typeof target !== 'string') return target.refused;
    const byTarget = ruleFor(task, phase, target);
    return byTarget === undefined ? undefined : `${path} is a link to ${target}, and ${byTarget}`;
  };
}

/**
 * Where `path` really is, relative to the real workspace root with `/`: links followed; for a file
 * that does not exist yet, its nearest existing folder resolved and the rest of the name kept.
 */
export async function realRelative(root: string, path: string): Promise<string | { refused: string }> {
  const realRoot = await realpath(root);
  const rest: string[] = [];
  let at = join(root, ...path.split('/'));
  for (;;) {
    const info = await lstat(at).catch(() => undefined);
    if (info) {
      const resolved = await realpath(at).catch(() => undefined);
      if (resolved === undefined) return { refused: `${path} is a link to something that does not exist` };
      const rel = relative(realRoot, join(resolved, ...rest));
      if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..') return { refused: `${path} leads outside the workspace through a link` };
      return rel.split(sep).join('/');
    }
    if (at === root || dirname(at) === at) return path;
    rest.unshift(basename(at));
    at = dirname(at);
  }
}
