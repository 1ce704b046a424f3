import assert from 'node:assert/strict';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCliProcess } from './cliProcess';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string; bin: { factory: string } };

describe('factory CLI (built bundle, child process)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'factory-e2e-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is the package bin, starts with a shebang and is executable', () => {
    assert.equal(join(__dirname, '..', '..', '..', pkg.bin.factory), CLI);
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
    accessSync(CLI, constants.X_OK);
  });

  it('--help exits 0 and lists the commands', async () => {
    const r = await runCliProcess(['--help'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Usage: factory/);
    for (const c of ['build', 'audit', 'update', 'resume', 'runs', 'patch', 'chat', 'learnings']) assert.match(r.stdout, new RegExp(`\\n  ${c} `));
  });

  it('--version prints the package version and exits 0', async () => {
    const r = await runCliProcess(['--version'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it('a usage error exits 2 and says what is wrong', async () => {
    const r = await runCliProcess(['frobnicate'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
    assert.match(r.stderr, /factory --help/);
  });

  it('a configuration error exits 2 and names the setting', async () => {
    const cfg = join(dir, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ limits: { budgetUsd: 0 } }));
    const r = await runCliProcess(['build', 'x', '--config', cfg], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /limits\.budgetUsd/);
  });

  it('a run with a budget starts only when every model has a price (the bundled price database, or settings)', async () => {
    const cfg = join(dir, 'unpriced.json');
    writeFileSync(cfg, JSON.stringify({ roles: { qc: { provider: 'openai', model: 'gpt-unreleased' } } }));
    const refused = await runCliProcess(['build', 'x', '--config', cfg], { cwd: dir });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /roles\.qc: openai:gpt-unreleased has no known price.*providers\.prices/);
    // The default roles: list prices from dist/sdk/prices.js, local Ollama free.
    const started = await runCliProcess(['build', 'x'], { cwd: dir });
    assert.equal(started.code, 2, started.stderr);
    assert.doesNotMatch(started.stderr, /no known price/);
    assert.match(started.stderr, /roles\.ceo: No API key for Anthropic/);
  });

  it('does not load any provider SDK to start (they are loaded on first use)', async () => {
    const hook = join(dir, 'record-modules.js');
    const record = join(dir, 'modules.json');
    writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));`);
    const r = await runCliProcess(['--help'], { cwd: dir, nodeArgs: ['--require', hook] });
    assert.equal(r.code, 0);
    const loaded = JSON.parse(readFileSync(record, 'utf8')) as string[];
    assert.ok(loaded.some((f) => f.endsWith(join('dist', 'cli.js'))), 'the record hook works');
    assert.deepEqual(loaded.filter((f) => f.includes(join('dist', 'sdk'))), []);
  });
});
