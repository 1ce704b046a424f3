import assert from 'node:assert/strict';
import type { JournalEvent, Journalled } from '../../../../src/core/pipeline/journal/events';
import { renderReport } from '../../../../src/core/pipeline/report/writeReport';

function journal(events: JournalEvent[]): Journalled[] {
  return events.map((e, i) => ({ ...e, seq: i + 1, at: 1_700_000_000_000 + i }) as Journalled);
}

const call = (key: string, role: string, share: number, result: Record<string, unknown>): JournalEvent[] => [
  { type: 'effect.start', key: `call:${key}`, kind: 'call', detail: { context: `DaC-Context: run=r role=${role} step=x expect=y task=-`, role, prefixShare: share } },
  { type: 'effect.done', key: `call:${key}`, kind: 'call', result: { text: '...', provider: 'openai', model: 'm', latencyMs: 5, stopReason: 'stop', ...result } },
];
const usage = (input: number, output: number, cached: number) => ({ input, output, cached, cacheWrite: 0 });

function sectionOf(report: string, heading: string): string {
  const start = report.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `report has a "${heading}" section:\n${report}`);
  const next = report.indexOf('\n## ', start + 3);
  return report.slice(start, next < 0 ? undefined : next);
}

const FULL: JournalEvent[] = [
  { type: 'run', runId: 'r1', mode: 'create', request: 'a greeting service', version: '0.1.0', dir: '/w' },
  { type: 'stage', stage: 'blueprint' },
  ...call('blueprint', 'ceo', 0, { usage: usage(2000, 500, 0), usd: 0.01 }),
  { type: 'note', topic: 'blueprint', data: { tasks: ['T1', 'T2'], repairs: 1 } },
  ...call('review:r1:qc', 'qc', 0, { usage: usage(3000, 300, 1000), usd: 0.004 }),
  ...call('review:r1:architect', 'architect', 0, { usage: usage(3000, 300, 0), usd: null }),
  { type: 'note', topic: 'review', data: { round: 1, scores: { qc: 80, architect: 90 }, findings: { qc: [{ severity: 'high', where: 'tasks.T1', issue: 'no empty-name case' }], architect: [] }, blocksNotApplied: [] } },
  { type: 'note', topic: 'review', data: { round: 2, scores: { qc: 96, architect: 97 }, findings: { qc: [], architect: [{ severity: 'low', where: 'core', issue: 'name the port' }] }, blocksNotApplied: ['block 1: no match'] } },
  { type: 'note', topic: 'gate', data: { by: 'twin', verdict: 'CHANGE', reasons: ['needs health'], changes: ['add GET /health'] } },
  { type: 'note', topic: 'gate', data: { by: 'twin', verdict: 'ACCEPT', reasons: ['as asked'], changes: [] } },
  // The waves' note shapes (src/core/pipeline/waves/notes.ts on i8-waves).
  { type: 'note', topic: 'task.red', task: 'T1', data: { id: 'red:T1:a1', task: 'T1', attempt: 1, command: { argv: ['node', '--test', 'test/a.test.js'], exitCode: 1, durationMs: 40, timedOut: false, digest: 'not ok 1 - says hello\n  expected: hello\n  actual: undefined' }, red: { kind: 'tests_failed', failed: 1, passed: 0 }, ok: true } },
  { type: 'note', topic: 'task.green', task: 'T1', data: { id: 'green:T1:a1', task: 'T1', attempt: 1, command: { argv: ['node', '--test', 'test/a.test.js'], exitCode: 0, durationMs: 40, timedOut: false, digest: '# pass 1' }, ok: true } },
  { type: 'note', topic: 'task.gate', task: 'T1', data: { id: 'gate:T1:a1:bug_capture', task: 'T1', attempt: 1, gate: 'bug_capture', role: 'qc', score: 96, findings: [], passed: true } },
  { type: 'note', topic: 'task.end', task: 'T1', data: { id: 'end:T1', task: 'T1', state: 'done', traps: 0, role: 'ceo' } },
  { type: 'note', topic: 'trap', task: 'T2', data: { id: 'trap:T2:a1', task: 'T2', phase: 'green', attempt: 1, why: 'tests still fail: expected 400, got 500', refused: [], findings: [], traps: 1, limit: 2 } },
  { type: 'note', topic: 'refused', task: 'T2', data: { id: 'refused:T2:a2:1', task: 'T2', attempt: 2, phase: 'implementation', block: 1, path: 'test/b.test.js', status: 'refused', why: 'test files are frozen after RED' } },
  { type: 'note', topic: 'trap', task: 'T2', data: { id: 'trap:T2:a2', task: 'T2', phase: 'gates', attempt: 2, why: 'the security gate failed', refused: [], findings: [{ gate: 'security', severity: 'high', where: 'src/b.js', issue: 'eval of input', fix: '' }], traps: 2, limit: 2 } },
  { type: 'note', topic: 'rollback', task: 'T2', data: { id: 'rollback:T2', task: 'T2', restored: ['src/b.js', 'test/b.test.js'], removed: ['src/c.js'], traps: 2 } },
  { type: 'note', topic: 'task.end', task: 'T2', data: { id: 'end:T2', task: 'T2', state: 'rolled_back', traps: 2, role: 'junior', reason: 'two TRAPs tripped the circuit breaker' } },
  { type: 'note', topic: 'wave.test', data: { id: 'wave1:test', wave: 1, tasks: ['T1', 'T2'], command: { argv: ['node', '--test'], exitCode: 0, durationMs: 90, timedOut: false, digest: '' }, passed: true } },
  { type: 'note', topic: 'failedAttempt', data: { role: 'ceo', provider: 'openai', model: 'm', usage: usage(100, 0, 0), usd: 0.001, failure: 'overloaded' } },
  ...call('code_qc', 'qc', 0.5, { usage: usage(4000, 200, 3000), usd: 0.003 }),
  { type: 'note', topic: 'code_qc', data: { score: 78, target: 85, passed: false, findings: [{ severity: 'high', file: 'src/b.js', line: 12, issue: 'crashes on bad JSON', fix: 'try/catch' }], dead_code: [{ file: 'src/util.js', symbol: 'pad' }], listed: [], missing: [] } },
  { type: 'note', topic: 'verify.start', data: { argv: ['node', 'server.js'], port: 4310, ready: true, afterMs: 120 } },
  ...call('verify:plan', 'twin', 0.9, { usage: usage(5000, 100, 0), usd: 0.002 }),
  { type: 'note', topic: 'protocol_violation', data: { role: 'twin', step: 'verify_plan', refusedBlocks: 1, why: 'the twin is read-only' } },
  { type: 'note', topic: 'verify.plan', data: { probes: [{ id: 'P1', kind: 'http', what: 'P1 http: GET /hello', expect: '200 hello' }, { id: 'P2', kind: 'http', what: 'P2 http: POST /items', expect: '400' }, { id: 'P3', kind: 'http', what: 'P3 http: GET /', expect: 'x' }] } },
  { type: 'effect.start', key: 'command:verify:probe:P1', kind: 'command' },
  { type: 'effect.done', key: 'command:verify:probe:P1', kind: 'command', result: { id: 'P1', kind: 'http', durationMs: 3, status: 200, body: 'hello', crashed: false, app: { running: true } } },
  { type: 'effect.start', key: 'command:verify:probe:P2', kind: 'command' },
  { type: 'effect.done', key: 'command:verify:probe:P2', kind: 'command', result: { id: 'P2', kind: 'http', durationMs: 3, error: 'socket hang up', crashed: true, app: { running: false, exitCode: 1 } } },
  { type: 'note', topic: 'verify.refused', data: { probe: 'P3', kind: 'http', why: 'HTTP probes go only to the app on 127.0.0.1' } },
  { type: 'note', topic: 'verify', data: { score: 95, target: 90, passed: false, broken: [], crashes: ['the app stopped during probe P2 (exit code 1)'] } },
  { type: 'note', topic: 'verify.stop', data: { pid: 4242, exitCode: 1 } },
  { type: 'note', topic: 'learning', data: { dna: 1, traps: 2, rules: 0 } },
  { type: 'end', state: 'not_shipped', reason: 'not every task was built: T2 rolled_back' },
];

describe('report.md', () => {
  const report = renderReport('r1', journal(FULL));

  it('opens with the request, and the result with its reason', () => {
    assert.ok(report.startsWith('# Factory run r1\n\nRequest: a greeting service\n'));
    assert.match(sectionOf(report, 'Result'), /\*\*not shipped\*\*: not every task was built: T2 rolled_back/);
  });

  it('shows the review scores of every round, the last round\'s findings and the gate decisions in order', () => {
    const review = sectionOf(report, 'Review');
    assert.match(review, /\| 1 \| 80 \| 90 \| 1 \| 0 \|/);
    assert.match(review, /\| 2 \| 96 \| 97 \| 1 \| 1 \|/);
    assert.match(review, /architect \[low\] core: name the port/);
    const gate = sectionOf(report, 'Gate decisions');
    assert.match(gate, /1\. \*\*CHANGE\*\* by the twin: needs health\n {3}- change: add GET \/health\n2\. \*\*ACCEPT\*\* by the twin: as asked/);
    assert.match(sectionOf(report, 'Blueprint'), /T1, T2 \(the ceo repaired its blueprint 1 time\)/);
  });

  it('shows each task with its RED and GREEN evidence, and a task without GREEN as such', () => {
    const tasks = sectionOf(report, 'Tasks');
    const t1 = tasks.slice(tasks.indexOf('### T1'), tasks.indexOf('### T2'));
    assert.match(t1, /^### T1: done\n\nBuilt by ceo; 0 TRAP\(s\)\./m);
    assert.match(t1, /\*\*RED\*\* \(attempt 1\): `node --test test\/a\.test\.js` → exit 1; 1 test\(s\) failed, 0 passed/);
    assert.match(t1, /\n {4}expected: hello\n {4}actual: undefined\n {2}```/);
    assert.match(t1, /\*\*GREEN\*\* \(attempt 1\): `node --test test\/a\.test\.js` → exit 0/);
    assert.match(t1, /gate bug_capture by qc \(attempt 1\): score 96, passed/);
    assert.ok(!t1.includes('No passing GREEN'));
    const t2 = tasks.slice(tasks.indexOf('### T2'));
    assert.match(t2, /^### T2: rolled_back\n\nBuilt by junior; 2 TRAP\(s\); two TRAPs tripped the circuit breaker\./m);
    assert.match(t2, /\*\*TRAP\*\* \(green, attempt 1\) \(1 of 2\): tests still fail: expected 400, got 500/);
    assert.match(t2, /refused block \(implementation, attempt 2\): test\/b\.test\.js — test files are frozen after RED/);
    assert.match(t2, /\*\*TRAP\*\* \(gates, attempt 2\) \(2 of 2\): the security gate failed\n {2}- security \[high\] src\/b\.js: eval of input/);
    assert.match(t2, /\*\*ROLLBACK\*\*: restored src\/b\.js, test\/b\.test\.js to their pre-task bytes; removed src\/c\.js \(created by the task\) \(2 TRAPs\)/);
    assert.match(t2, /No passing GREEN run/);
    assert.match(sectionOf(report, 'Whole test after each wave'), /\| 1 \| T1, T2 \| `node --test` \| passed \(exit 0\) \|/);
    const traps = sectionOf(report, 'Traps and rollbacks');
    assert.equal((traps.match(/^- TRAP T2/gm) ?? []).length, 2);
    assert.match(traps, /^- ROLLBACK T2/m);
  });

  it('lists code QC findings with file:line and dead code', () => {
    const qc = sectionOf(report, 'Code QC');
    assert.match(qc, /Score \*\*78\*\* \(target 85\): did not pass/);
    assert.match(qc, /\| src\/b\.js:12 \| high \| crashes on bad JSON \| try\/catch \|/);
    assert.match(qc, /src\/util\.js: `pad`/);
  });

  it('shows the app, each probe with what was sent, expected and observed, refusals, violations and the verify score', () => {
    const v = sectionOf(report, 'Verify');
    assert.match(v, /`node server\.js` ready on 127\.0\.0\.1:4310/);
    assert.match(v, /\| P1 \| P1 http: GET \/hello \| 200 hello \| HTTP 200: hello \|/);
    assert.match(v, /\| P2 \| .* \| no response: socket hang up — \*\*the app stopped \(exit code 1\)\*\* \|/);
    assert.match(v, /\| P3 \| .* \| REFUSED: HTTP probes go only to the app on 127\.0\.0\.1 \|/);
    assert.match(v, /Protocol violation at verify_plan/);
    assert.match(v, /Twin's score \*\*95\*\* \(target 90\): does not ship/);
    assert.match(v, /CRASH seen by the engine: the app stopped during probe P2/);
    assert.match(v, /The app was stopped \(its process group, pid 4242\)/);
  });

  it('shows cost and tokens per role, unknown prices as unknown, the cached share and the average prefix share', () => {
    const cost = sectionOf(report, 'Cost and tokens');
    assert.match(cost, /\| architect \| 1 \| 0 \| 0 \| 3000 \| 300 \| 0 \| unknown \|/);
    assert.match(cost, /\| ceo \| 1 \| 0 \| 1 \| 2100 \| 500 \| 0 \| \$0\.0110 \|/);
    assert.match(cost, /\| qc \| 2 \| 0 \| 0 \| 7000 \| 500 \| 4000 \| \$0\.0070 \|/);
    assert.match(cost, /\| \*\*total\*\* \| 5 \| 0 \| 1 \| 17100 \| 1400 \| 4000 \| \$0\.0200 \+ unknown \(1 without a price\) \|/);
    assert.ok(!/\| architect .*\$0\.0000/.test(cost), 'an unknown price is never $0');
    assert.match(cost, /Cached prompt tokens: 4000 of 17100 \(23\.4%\)/);
    assert.match(cost, /Average prefix share: 28%/);
    assert.match(sectionOf(report, 'Learned'), /1 owner decision\(s\), 2 trap\(s\), 0 rule\(s\)/);
  });

  it('is the same for a resumed run whose replayed notes were written again', () => {
    const stopAt = FULL.findIndex((e) => e.type === 'note' && e.topic === 'trap');
    const firstTry = FULL.slice(0, stopAt);
    const replayedNotes = firstTry.filter((e) => e.type === 'note' && e.topic !== 'failedAttempt');
    const resumed: JournalEvent[] = [...firstTry, { type: 'end', state: 'stopped', reason: 'cancelled. Resume with: factory resume r1' }, { type: 'resumed', attempt: 1 }, ...replayedNotes, ...FULL.slice(stopAt)];
    const again = renderReport('r1', journal(resumed));
    for (const section of ['Review', 'Gate decisions', 'Tasks', 'Traps and rollbacks', 'Code QC', 'Verify', 'Cost and tokens']) assert.equal(sectionOf(again, section), sectionOf(report, section), section);
    assert.match(sectionOf(again, 'Result'), /resumed 1 time/);
    assert.match(sectionOf(again, 'Result'), /earlier: stopped: cancelled/);
  });

  it('a stopped run without calls says so plainly', () => {
    const r = renderReport('r2', journal([{ type: 'run', runId: 'r2', mode: 'create', request: 'x', version: '0', dir: '/w' }, { type: 'stage', stage: 'blueprint' }]));
    assert.match(r, /\*\*running\*\* \(no end recorded yet; last stage: blueprint\)/);
    assert.match(r, /No model call was answered/);
  });

  it('a cost estimated for calls without token counts is shown as estimated, and counted', () => {
    const r = renderReport(
      'r4',
      journal([
        ...call('blueprint', 'ceo', 0, { usage: usage(0, 0, 0), usageReported: false, usd: 0.004, costSource: 'estimated' }),
        ...call('review:r1:qc', 'qc', 0, { usage: usage(1000, 100, 0), usd: 0.001, costSource: 'table' }),
      ]),
    );
    const cost = sectionOf(r, 'Cost and tokens');
    assert.match(cost, /\| ceo \| 1 \| 0 \| 0 \| unknown \| unknown \| unknown \| \$0\.0040 \(estimated\) \|/);
    assert.match(cost, /\| \*\*total\*\* \| 2 \| .* \| \$0\.0050 \(\$0\.0040 of it estimated\) \|/);
    assert.match(cost, /1 call came back without token counts; its cost is estimated from the characters sent and received \(about 4 a token\)/);
  });

  it('calls on a subscription CLI show "subscription" as their cost, not $0, with their tokens counted', () => {
    const r = renderReport(
      'r5',
      journal([
        ...call('blueprint', 'ceo', 0, { provider: 'claude-code', usage: usage(2000, 500, 100), usd: 0, costSource: 'subscription' }),
        ...call('review:r1:qc', 'qc', 0, { provider: 'claude-code', usage: usage(1000, 100, 0), usd: 0, costSource: 'subscription' }),
        ...call('review:r1:architect', 'architect', 0, { usage: usage(1000, 100, 0), usd: 0.001, costSource: 'table' }),
        ...call('review:r2:qc', 'qc', 0, { usage: usage(1000, 100, 0), usd: 0.002, costSource: 'table' }),
      ]),
    );
    const cost = sectionOf(r, 'Cost and tokens');
    assert.match(cost, /\| ceo \| 1 \| 0 \| 0 \| 2000 \| 500 \| 100 \| subscription \|/);
    assert.match(cost, /\| qc \| 2 \| 0 \| 0 \| 2000 \| 200 \| 0 \| \$0\.0020 \+ subscription \(1 call\) \|/);
    assert.match(cost, /\| \*\*total\*\* \| 4 \| .* \| \$0\.0030 \+ subscription \(2 calls\) \|/);
    assert.match(cost, /2 calls ran on a coding CLI by subscription \(claude-code, codex or gemini-cli\): nothing is charged per call, so they count \$0 against the budget; their tokens are in the sums\./);
  });

  it('calls without token counts show their tokens as unknown, not zero', () => {
    const r = renderReport('r3', journal([...call('blueprint', 'ceo', 0, { usage: usage(0, 0, 0), usageReported: false, usd: null })]));
    const cost = sectionOf(r, 'Cost and tokens');
    assert.match(cost, /\| ceo \| 1 \| 0 \| 0 \| unknown \| unknown \| unknown \| unknown \|/);
    assert.match(cost, /Cached prompt tokens: unknown/);
  });
});
