/**
 * Prompt snapshots: a rendered prompt must equal test/fixtures/prompts/<name><ext>. A change to
 * what models are told is a reviewed change, never an accident: look at the difference, then
 * rewrite the snapshots with UPDATE_SNAPSHOTS=1.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promptsDir } from '../../src/core/prompts/load';

export function snapshotFile(name: string, ext: '.snap.md' | '.txt' = '.snap.md'): string {
  return join(dirname(promptsDir()), 'test', 'fixtures', 'prompts', `${name}${ext}`);
}

export function matchesSnapshot(name: string, rendered: string, ext: '.snap.md' | '.txt' = '.snap.md'): void {
  const file = snapshotFile(name, ext);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, rendered);
  }
  assert.ok(existsSync(file), `no snapshot ${file}: run with UPDATE_SNAPSHOTS=1 and review it`);
  assert.equal(rendered, readFileSync(file, 'utf8'), `${name} changed: review ${file} and rerun with UPDATE_SNAPSHOTS=1`);
}
