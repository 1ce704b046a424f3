/**
 * Where the CLI keeps learnings: `$FACTORY_HOME/learnings.json`, else `~/.factory/learnings.json`
 * (beside the user's config.json), outside every workspace.
 */
import { join, resolve } from 'node:path';
import { FileLearningStore, LEARNINGS_FILE } from '../core/learning';

export function learningsFile(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.FACTORY_HOME) return resolve(env.FACTORY_HOME, LEARNINGS_FILE);
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, '.factory', LEARNINGS_FILE) : undefined;
}

export function cliLearningStore(file: string, warn: (text: string) => void): FileLearningStore {
  return new FileLearningStore({ file, warn: (m) => warn(`factory: warning: ${m}\n`) });
}
