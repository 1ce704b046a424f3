import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from './io';

/** Resolves `--dir` (default: the current directory) and checks it is an existing folder. */
export async function workspaceDir(cwd: string, dir: string | undefined): Promise<string> {
  const abs = resolve(cwd, dir ?? '.');
  const info = await stat(abs).catch(() => undefined);
  if (!info) throw new UsageError(`the folder ${abs} does not exist (check --dir)`);
  if (!info.isDirectory()) throw new UsageError(`${abs} is a file, not a folder (check --dir)`);
  return abs;
}
