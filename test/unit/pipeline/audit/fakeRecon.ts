/**
 * A stand-in for the code map's recon() in AUDIT unit tests: the project's files (Factory's own
 * folder left out), languages by extension, test files by name, a tiny map ranked as `rank` says.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Recon, ReconFn, ReconOptions } from '../../../../src/core/codemap/recon';

const LANGS: Record<string, string> = { js: 'javascript', ts: 'typescript', py: 'python' };

export interface FakeReconOptions {
  testCommand?: string | null;
  /** The map's ranking (most referred-to first); default: the sources in path order. */
  rank?: string[];
  entryPoints?: string[];
}

export function fakeRecon(o: FakeReconOptions = {}): ReconFn & { calls: Array<{ root: string; opts: ReconOptions }> } {
  const calls: Array<{ root: string; opts: ReconOptions }> = [];
  const fn = async (root: string, opts: ReconOptions): Promise<Recon> => {
    calls.push({ root, opts });
    const files = walk(root).map((abs) => {
      const path = relative(root, abs).split('\\').join('/');
      const text = readFileSync(abs, 'utf8');
      const ext = /\.([a-z]+)$/.exec(path)?.[1] ?? '';
      return { path, language: LANGS[ext] ?? 'other', bytes: statSync(abs).size, lines: text.split('\n').length, test: /(^|\/)test\/|\.test\./.test(path) };
    });
    const languages: Record<string, number> = {};
    for (const f of files) languages[f.language] = (languages[f.language] ?? 0) + 1;
    const mapped = o.rank ?? files.filter((f) => !f.test && f.language !== 'other').map((f) => f.path);
    return {
      root,
      files,
      languages,
      testFiles: files.filter((f) => f.test).map((f) => f.path),
      testCommand: o.testCommand === undefined ? 'node --test' : o.testCommand,
      entryPoints: o.entryPoints ?? [],
      map: mapped.map((p) => `${p}\n  (symbols)`).join('\n'),
      mapped,
      omitted: [],
    };
  };
  return Object.assign(fn, { calls });
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.name === '.factory' || d.name === '.git') continue;
    const abs = join(dir, d.name);
    if (d.isDirectory()) out.push(...walk(abs));
    else out.push(abs);
  }
  return out.sort();
}
