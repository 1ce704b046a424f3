/**
 * The files the CLI's configuration comes from, lowest layer first (docs/configuration.md):
 * the user's own file, `--config FILE`, then the workspace's `.factory/config.json`. The first two are
 * the user's; the workspace's comes with the folder and may not choose where keys go.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from './io';

export interface ConfigSources {
  /** The workspace folder (`--dir`, or the current folder). */
  readonly dir: string;
  /** `--config`, already resolved against the current folder. */
  readonly configFile: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ConfigLayer {
  readonly file: string;
  /** `user`: the user's file or --config; `workspace`: the folder's own `.factory/config.json`. */
  readonly owner: 'user' | 'workspace';
  readonly raw: Record<string, unknown>;
}

/** `$FACTORY_HOME/config.json`, else `~/.factory/config.json`; undefined when no home folder is known. */
export function userConfigFile(env: ConfigSources['env']): string | undefined {
  if (env.FACTORY_HOME) return resolve(env.FACTORY_HOME, 'config.json');
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, '.factory', 'config.json') : undefined;
}

/** The file's JSON object; undefined when an optional file does not exist. */
async function readLayerFile(file: string, required: boolean): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    throw new UsageError(`cannot read the configuration file ${file}: ${code ?? String(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`${file} must hold one JSON object, such as { "roles": { ... } }`);
  }
  return raw as Record<string, unknown>;
}

/** Where a path really leads (links followed), so one file is never read as two layers. */
async function identity(file: string): Promise<string> {
  return realpath(file).catch(() => resolve(file));
}

/**
 * Reads the layers that exist. A file the user named with --config is the user's even when it is
 * the workspace's own, and the workspace's file is the user's own when the workspace is the home
 * folder: each file is read once, as the most trusted layer it is.
 */
export async function readConfigLayers(sources: ConfigSources): Promise<ConfigLayer[]> {
  const user = userConfigFile(sources.env);
  const candidates: { file: string; owner: ConfigLayer['owner']; required: boolean }[] = [
    ...(user ? [{ file: user, owner: 'user' as const, required: false }] : []),
    ...(sources.configFile ? [{ file: sources.configFile, owner: 'user' as const, required: true }] : []),
    { file: join(sources.dir, '.factory', 'config.json'), owner: 'workspace', required: false },
  ];
  const seen = new Set<string>();
  const layers: ConfigLayer[] = [];
  for (const c of candidates) {
    const id = await identity(c.file);
    if (seen.has(id)) {
      // Read already; a --config that names a missing file is still an error.
      if (c.required) await readLayerFile(c.file, true);
      continue;
    }
    seen.add(id);
    const raw = await readLayerFile(c.file, c.required);
    if (raw) layers.push({ file: c.file, owner: c.owner, raw });
  }
  return layers;
}
