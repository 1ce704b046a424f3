// A whole CREATE with one role on a coding CLI: qc runs on Claude Code (the fake `claude`, which
// takes each answer from the fake server by the prompt's DaC-Context), every other role on the
// scripted OpenAI-compatible models. The run ships; qc's calls cost $0 "subscription", tokens counted.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeCliCalls, fakeCliPaths } from '../fakes/cli/fakeCliFiles';
import { endOf, usePipelineSandbox } from './pipelineSandbox';

const REQUEST = 'a slugify library with tests';

describe('factory build with a role on a coding CLI (built CLI, fake claude, fake models)', function () {
  this.timeout(90000);
  const s = usePipelineSandbox('factory-pipeline-cli-');

  it('qc on claude-code: the run ships, qc answered through the CLI at $0 "subscription", its tokens in the report', async () => {
    s.script();
    const file = s.config();
    const config = JSON.parse(readFileSync(file, 'utf8')) as { roles: Record<string, unknown>; providers: Record<string, unknown> };
    config.roles.qc = { provider: 'claude-code', model: 'sonnet' };
    config.providers.cliPaths = fakeCliPaths();
    writeFileSync(file, JSON.stringify(config));
    const record = join(s.home, 'claude-calls.jsonl');
    const r = await s.run(['build', REQUEST, '--config', file], { FAKE_CLI_SERVER: s.fake.url, FAKE_CLI_RECORD: record }, 80000);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const events = s.journal();
    assert.equal(endOf(events)?.state, 'shipped');

    // Every qc request reached the fake server through the CLI, and only those.
    const viaCli = s.fake.requests().filter((q) => q.headers['user-agent'] === 'fake-claude');
    const qcSteps = viaCli.map((q) => q.dac?.step).sort();
    assert.deepEqual(qcSteps, ['bug_capture', 'bug_capture', 'bug_capture', 'code_qc', 'review', 'review']);
    assert.ok(viaCli.every((q) => q.dac?.role === 'qc'));
    assert.equal(s.fake.requests().filter((q) => q.dac?.role === 'qc').length, viaCli.length);
    const calls = fakeCliCalls(record);
    assert.equal(calls.length, viaCli.length);
    for (const c of calls) {
      assert.deepEqual(c.cwdEntries, [], 'an empty folder, not the project');
      assert.ok(!c.cwd.startsWith(s.ws));
      assert.equal(c.argv[c.argv.indexOf('--model') + 1], 'sonnet');
    }

    // Journal, report and summary: qc's calls are on the subscription.
    const results = events.flatMap((e) => (e.type === 'effect.done' && e.kind === 'call' ? [e.result as { provider?: string; usd?: unknown; costSource?: unknown }] : []));
    const qcResults = results.filter((x) => x.provider === 'claude-code');
    assert.equal(qcResults.length, calls.length);
    for (const x of qcResults) assert.deepEqual([x.usd, x.costSource], [0, 'subscription']);
    const report = readFileSync(s.runFile('report.md'), 'utf8');
    assert.match(report, /\| qc \| 6 \| 0 \| 0 \| 12000 \| 2400 \| 0 \| subscription \|/);
    assert.match(r.stdout, /cost: {3}\$0\.\d{4} \+ 6 calls on subscription \(28 model calls answered\)/);
  });
});
