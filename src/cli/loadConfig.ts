import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatProblems, resolveConfig, type FactoryConfig } from '../core/config/resolve';
import { UsageError } from './io';

/**
 * Reads the CLI's configuration: `--config FILE` if given, else `<dir>/.factory/config.json` if it
 * exists, else the defaults. Any problem is a UsageError that names the file and the setting.
 */
export async function loadCliConfig(dir: string, configFile: string | undefined): Promise<FactoryConfig> {
  const file = configFile ? resolve(configFile) : join(dir, '.factory', 'config.json');
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' || configFile) {
      throw new UsageError(`cannot read the configuration file ${file}: ${code ?? String(e)}`);
    }
  }
  let raw: unknown = {};
  if (text !== undefined) {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const result = resolveConfig(raw);
  if (!result.ok) {
    const origin = text === undefined ? 'the default configuration' : file;
    throw new UsageError(`${origin} has problems:\n${formatProblems(result.problems)}`);
  }
  return result.config;
}
