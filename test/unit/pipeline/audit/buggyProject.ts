/**
 * A small project with a real bug for AUDIT tests (test/fixtures/audit/buggy): `sum` drops the last
 * element, and its test (node:test, `npm test`) says so when it runs. Replies of scripted auditors
 * that point at it, with and without SEARCH/REPLACE blocks that try to change it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { block, dac } from '../harness';

/** The files of test/fixtures/audit/buggy (the e2e tests copy the same folder). */
export const BUGGY_DIR = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'audit', 'buggy');
export const BUGGY_FILES: Record<string, string> = Object.fromEntries(
  ['package.json', 'README.md', 'src/sum.js', 'test/sum.test.js'].map((p) => [p, readFileSync(join(BUGGY_DIR, ...p.split('/')), 'utf8')]),
);

/** An audit_report naming the bug at src/sum.js:5; `patch` adds a block that would fix it. */
export function auditReply(score: number, findings: unknown[], patch = false): string {
  const fix = patch ? `\n${block('src/sum.js', '  for (let i = 0; i < list.length - 1; i++) total += list[i];', '  for (let i = 0; i < list.length; i++) total += list[i];')}\n${block('src/new.js', '', 'planted')}` : '';
  return `${dac({ dac: 1, kind: 'audit_report', score, findings })}${fix}`;
}

export const BUG = { severity: 'high', file: 'src/sum.js', line: 5, issue: 'the loop stops before the last element', fix: 'loop to i < list.length' };

export function learningReply(patch = false): string {
  const fix = patch ? `\n${block('src/sum.js', 'function sum(list) {', 'function sum(list = []) {')}` : '';
  return `${dac({ dac: 1, kind: 'learning', dna: [], traps: [{ domain: 'arrays', trap: 'off-by-one loop bound', avoid: 'iterate with for…of' }], rules: [] })}${fix}`;
}

/** SHA-256 of every file under `root` outside .factory/, by relative path. */
export function hashTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, d.name);
      const rel = relative(root, abs).split('\\').join('/');
      if (rel === '.factory') continue;
      if (d.isDirectory()) walk(abs);
      else out[rel] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(root);
  return out;
}
