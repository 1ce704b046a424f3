/**
 * A stand-in for recon() until the code map lands (issue 9, item 4): the files by name, the test
 * files by name, package.json's test script and entry points. No symbols. Replaced by
 * src/core/codemap's recon() when that branch is merged.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Recon, ReconFile, ReconOptions } from '../../codemap/recon';

const SKIP = new Set(['.git', '.factory', 'node_modules', '.vscode', 'dist', 'out', '__pycache__']);
const LANG: Record<string, string> = { ts: 'typescript', tsx: 'typescript', js: 'javascript', mjs: 'javascript', cjs: 'javascript', py: 'python', go: 'go', rs: 'rust', java: 'java' };

export async function recon(root: string, opts: ReconOptions): Promise<Recon> {
  const files: ReconFile[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      if (SKIP.has(name)) continue;
      const path = rel ? `${rel}/${name}` : name;
      const info = statSync(join(root, path));
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) {
        const text = readFileSync(join(root, path), 'utf8');
        files.push({ path, language: LANG[name.split('.').pop() ?? ''] ?? 'other', bytes: info.size, lines: text.split('\n').length, test: /(^|\/)(tests?|__tests__)\/|\.(test|spec)\.[a-z]+$|(^|\/)test_[^/]*\.py$|_test\.go$/.test(path) });
      }
    }
  };
  walk(opts.under ?? '');
  const languages: Record<string, number> = {};
  for (const f of files) languages[f.language] = (languages[f.language] ?? 0) + 1;
  let testCommand: string | null = null;
  const entryPoints: string[] = [];
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; main?: string };
    if (pkg.scripts?.test) testCommand = 'npm test';
    if (pkg.main) entryPoints.push(pkg.main);
  } catch {
    // No package.json: no test command known.
  }
  const map = files.map((f) => f.path).join('\n').slice(0, opts.budgetTokens * 4);
  return { root, files, languages, testFiles: files.filter((f) => f.test).map((f) => f.path), testCommand, entryPoints, map, mapped: files.map((f) => f.path), omitted: [] };
}
