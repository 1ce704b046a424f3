// The code map as shipped: the VSIX has no node_modules, so the bundled parse worker must find the
// tree-sitter runtime and grammars in dist/wasm/. The bundle is copied with only that folder to a
// scratch place outside this repository (no node_modules above it) and run from there.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../../src/core/codemap/fileFacts';
import type { ParseBatch, ParsedBatch } from '../../src/core/codemap/parseWorker';

const DIST = join(__dirname, '..', '..', '..', 'dist');
const POLY = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'codemap', 'poly');

const FILES = ['src/store.ts', 'src/util.js', 'py/app/models.py', 'go/server.go', 'rust/src/lib.rs', 'java/src/main/java/App.java'];

function parseIn(dir: string): Promise<FileFacts[]> {
  const worker = new Worker(join(dir, 'parseWorker.js'));
  const batch: ParseBatch = { id: 0, files: FILES.map((path) => ({ path, abs: join(POLY, path), bytes: 1000 })) };
  return new Promise<FileFacts[]>((resolve, reject) => {
    worker.once('message', (done: ParsedBatch) => resolve(done.facts));
    worker.once('error', reject);
    worker.postMessage(batch);
  }).finally(() => void worker.terminate());
}

describe('code map as shipped (dist/)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'codemap-shipped-'));
    cpSync(join(DIST, 'parseWorker.js'), join(dir, 'parseWorker.js'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parses every mapped language with the .wasm files from dist/wasm/, away from node_modules', async () => {
    cpSync(join(DIST, 'wasm'), join(dir, 'wasm'), { recursive: true });
    const facts = await parseIn(dir);
    const names = facts.map((f) => f.symbols.map((s) => s.name));
    assert.deepEqual(facts.map((f) => f.note), FILES.map(() => undefined), JSON.stringify(facts.map((f) => f.note)));
    assert.ok(names[0].includes('createStore'), JSON.stringify(names[0]));
    assert.ok(names[1].includes('formatKey'), JSON.stringify(names[1]));
    assert.ok(names[2].includes('load_users'), JSON.stringify(names[2]));
    assert.ok(names[3].includes('NewServer'), JSON.stringify(names[3]));
    assert.ok(names[4].includes('parse'), JSON.stringify(names[4]));
    assert.ok(names[5].includes('add'), JSON.stringify(names[5]));
  });

  it('without dist/wasm/, each file says the tree-sitter files were not found and how to get them', async () => {
    const facts = await parseIn(dir);
    for (const f of facts) {
      assert.deepEqual(f.symbols, []);
      assert.match(f.note ?? '', /not parsed: code map: the tree-sitter files .* were not found .*npm run build/);
    }
  });
});
