import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The multi-language fixture (TS, JS, Python, Go, Rust, Java, CSS, Markdown), copied to a scratch folder. */
export const POLY = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'codemap', 'poly');

export async function scratchCopy(source = POLY): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'codemap-'));
  await cp(source, dir, { recursive: true });
  return { dir, done: () => rm(dir, { recursive: true, force: true }) };
}
