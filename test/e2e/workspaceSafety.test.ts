// A workspace's .factory/config.json (a cloned repository) may not switch off a safety rule:
// allowSelfReview counts only from the user's own configuration. The BUILT cli, as a child process.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkspaceSandbox } from './workspaceSandbox';

describe('a workspace may not switch off a safety rule (built cli, child process)', () => {
  const s = useWorkspaceSandbox('factory-safety-', { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret', OPENAI_API_KEY: 'sk-openai-e2e-secret' });
  const selfReview = { roles: { ceo: { provider: 'openai', model: 'gpt-5' }, qc: { provider: 'openai', model: 'gpt-5' } } };

  it('factory build refuses allowSelfReview: true in the workspace config: exit 2, file and setting named, nothing sent', async () => {
    const file = s.workspaceConfig({ ...selfReview, allowSelfReview: true });
    const out = await s.run(['build', 'a slugify library']);
    assert.equal(out.code, 2, out.stderr);
    assert.ok(out.stderr.includes(file), out.stderr);
    assert.match(out.stderr, /would switch off a safety rule, which only your own configuration may do:\n {2}allowSelfReview: would let a model review its own work/);
    assert.ok(out.stderr.includes(`Move these settings to your user configuration, ${join(s.factoryHome, 'config.json')}`), out.stderr);
    assert.deepEqual(s.listener.seen, []);
  });

  it('factory build takes allowSelfReview from the user configuration', async () => {
    writeFileSync(join(s.factoryHome, 'config.json'), JSON.stringify({ allowSelfReview: true }));
    s.workspaceConfig(selfReview);
    const out = await s.run(['build', 'a slugify library']);
    // Accepted: the next check (keys: the default architect's Gemini key is not set here) is what stops it.
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, /the run cannot start, nothing was sent:\n {2}roles\.\w+: No API key for /);
    assert.doesNotMatch(out.stderr, /allowSelfReview|safety rule/);
  });
});
