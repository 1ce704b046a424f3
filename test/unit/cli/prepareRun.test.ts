// What `factory build` says before a run: an unusable fallback is a warning on stderr, and the run goes on.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, type CliIo } from '../../../src/cli/io';
import { prepareRun } from '../../../src/cli/runSession';

describe('factory before a run: fallbacks', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'factory-prepare-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const io = (env: Record<string, string>, err: string[]): CliIo => ({ stdout: () => undefined, stderr: (t) => err.push(t), cwd: dir, env: { FACTORY_HOME: join(dir, 'home'), ...env } });
  const roles = {
    ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6', fallbacks: [{ provider: 'openai-compatible', model: 'deepseek-chat', baseUrl: 'https://api.deepseek.com/v1' }] },
    qc: { provider: 'openai', model: 'gpt-5', fallbacks: [{ provider: 'openai', model: 'gpt-unreleased' }] },
  };
  const KEYS = { ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k', GEMINI_API_KEY: 'k' };

  it('warns about a fallback without a key or a price, and lets the run start', async () => {
    const cfg = join(dir, 'config.json');
    writeFileSync(cfg, JSON.stringify({ roles }));
    const err: string[] = [];
    const prepared = await prepareRun(io(KEYS, err), { config: cfg });
    assert.equal(prepared.config.roles.ceo.model, 'claude-sonnet-4-6');
    const said = err.join('');
    assert.match(said, /factory: warning: roles\.ceo\.fallbacks\.0: No API key for DeepSeek .*DEEPSEEK_API_KEY.*; it is skipped if ceo needs its fallbacks\.\n/);
    assert.match(said, /factory: warning: roles\.qc\.fallbacks\.0: openai:gpt-unreleased \(role qc\) has no known price.*; it is skipped if qc needs its fallbacks\.\n/);
  });

  it('still refuses a run whose primary has no key, before saying anything about fallbacks', async () => {
    const cfg = join(dir, 'config.json');
    writeFileSync(cfg, JSON.stringify({ roles }));
    const err: string[] = [];
    await assert.rejects(prepareRun(io({ OPENAI_API_KEY: 'k', GEMINI_API_KEY: 'k' }, err), { config: cfg }), (e: unknown) => e instanceof UsageError && /roles\.ceo: No API key for Anthropic/.test(e.message));
  });
});
