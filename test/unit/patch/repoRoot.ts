import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The source tree's root: tests run from out/test/..., fixtures live in the source tree. tsc copies
 * package.json into out/ too, so the root is the folder that also has test/fixtures.
 */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test', 'fixtures'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
