/**
 * Which executable a coding CLI provider runs: `providers.cliPaths.<id>` when set, else its usual
 * name on PATH. Found before any request, so a missing one fails with what to do: install it, or
 * point the setting at it.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CliDialect } from './dialect';

export type Found = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly problem: string };

function runnable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** How each host calls the setting. */
function settingNames(d: CliDialect): string {
  return `"factory.providers.cliPaths": { "${d.id}": "/absolute/path/to/${d.command}" } in VS Code User settings, or "providers": { "cliPaths": { "${d.id}": ... } } in ~/.factory/config.json`;
}

export function findExecutable(d: CliDialect, configured: string | undefined, path: string | undefined): Found {
  const label = `${d.command} (${d.id})`;
  if (configured !== undefined) {
    if (runnable(configured)) return { ok: true, path: configured };
    return {
      ok: false,
      problem: `the executable set for ${label} in providers.cliPaths, ${configured}, does not exist or is not executable. Fix the path (${settingNames(d)}), or install it with \`${d.install}\``,
    };
  }
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, d.command);
    if (runnable(candidate)) return { ok: true, path: candidate };
  }
  return {
    ok: false,
    problem:
      `the executable \`${d.command}\` was not found on PATH. Install it with \`${d.install}\` and log in (${d.login}), ` +
      `or, if it is installed elsewhere, set its absolute path: ${settingNames(d)}`,
  };
}
