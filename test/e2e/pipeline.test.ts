// The whole CREATE through the built CLI against the fake server: the scripted slugify library is
// built test-first and ships; the project's own tests pass afterwards; report.md tells the story.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Journalled } from '../../src/core/pipeline/journal/events';
import { scenarioReply } from './pipelineScenario';
import { endOf, notes, stagesOf, usePipelineSandbox } from './pipelineSandbox';
import { assertModeStages } from './modeStages';
import { saysReadOnly, systemPromptOf, teachesEdits } from './systemPromptOf';

const REQUEST = 'a slugify library with tests';

/** Start and end times of each answered model call, by effect key. */
function callIntervals(events: readonly Journalled[]): Map<string, { start: number; end: number }> {
  const starts = new Map<string, number>();
  const out = new Map<string, { start: number; end: number }>();
  for (const e of events) {
    if (e.type === 'effect.start' && e.kind === 'call') starts.set(e.key, e.at);
    if (e.type === 'effect.done' && e.kind === 'call') out.set(e.key, { start: starts.get(e.key) ?? e.at, end: e.at });
  }
  return out;
}

describe('factory build: the whole CREATE (built CLI, fake models)', function () {
  this.timeout(90000);
  const s = usePipelineSandbox();

  it('the happy path ships (exit 0): tests RED then GREEN per task, gates, code QC, verify, learning; the project works', async () => {
    s.script();
    const r = await s.run(['build', REQUEST, '--config', s.config()], {}, 80000);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const events = s.journal();
    assert.equal(endOf(events)?.state, 'shipped');
    assert.deepEqual([...new Set(stagesOf(events))], ['blueprint', 'review', 'gate', 'waves', 'code_qc', 'verify', 'learn']);
    assertModeStages(events);
    for (const task of ['T1', 'T2', 'T3']) {
      const red = notes(events, 'task.red').find((n) => n.task === task);
      const green = notes(events, 'task.green').find((n) => n.task === task);
      assert.ok(red && green, `RED and GREEN recorded for ${task}`);
      assert.ok(red.seq < green.seq, `${task}: RED before GREEN`);
      assert.equal((red.data as { command: { exitCode: number } }).command.exitCode, 1);
      assert.equal((green.data as { command: { exitCode: number } }).command.exitCode, 0);
      assert.deepEqual(
        notes(events, 'task.gate')
          .filter((n) => n.task === task)
          .map((n) => (n.data as { gate: string; passed: boolean }).gate)
          .sort(),
        ['bug_capture', 'schema', 'security'],
      );
    }
    // T3 is the junior's.
    assert.equal(s.fake.requests().filter((q) => q.dac?.task === 'T3' && q.dac.role !== 'junior' && ['tests', 'implementation', 'refactor'].includes(q.dac.step)).length, 0);
    assert.equal(s.fake.requests().filter((q) => q.dac?.task === 'T3' && q.dac.role === 'junior').length, 3);
    // Only the steps that may change files are taught to: the task phases (the project's files) and
    // the blueprint review (blueprint.md). Every other step is told it is read-only.
    const edits = new Set(['tests', 'implementation', 'refactor', 'review']);
    const steps = new Set<string>();
    for (const q of s.fake.requests()) {
      const step = q.dac?.step ?? '?';
      steps.add(step);
      const system = systemPromptOf(q);
      if (edits.has(step)) assert.ok(teachesEdits(system), `${q.dac?.role} at ${step} may change files but is not taught how:\n${system}`);
      else assert.ok(saysReadOnly(system), `${q.dac?.role} at ${step} may change no file but its system prompt does not say so:\n${system}`);
    }
    assert.deepEqual([...steps].sort(), ['blueprint', 'bug_capture', 'code_qc', 'gate', 'implementation', 'learning', 'refactor', 'review', 'schema', 'security', 'tests', 'verify_plan', 'verify_report']);
    // The project the run left behind works on its own.
    const own = spawnSync(process.execPath, ['--test'], { cwd: s.ws, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.equal(own.status, 0, own.stdout + own.stderr);
    const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('./index.js').slugify('Crème Brûlée!'))"], { cwd: s.ws, encoding: 'utf8' });
    assert.equal(probe.stdout, 'creme-brulee');
    // What a person reads.
    assert.match(r.stdout, /T1: RED: the new tests fail/);
    assert.match(r.stdout, /T1: GREEN: the tests pass/);
    assert.match(r.stdout, /SHIPPED/);
    assert.match(r.stdout, /cost: {3}\$0\.\d{4} \(28 model calls answered\)/);
    const report = readFileSync(s.runFile('report.md'), 'utf8');
    assert.match(report, /\*\*shipped\*\*/);
    assert.match(report, /\*\*RED\*\* \(attempt 1\): `node --test test\/slugify\.test\.js` → exit 1/);
  });

  it('two independent tasks run side by side: their model calls overlap in time', async () => {
    // Each implementation answer takes 400 ms: run one after the other, they could not overlap.
    const slow = (task: string) => ({ match: { role: 'ceo', step: 'implementation', task }, replies: [{ text: scenarioReply(`${task}.implementation`), delayMs: 400, chunks: [scenarioReply(`${task}.implementation`)] }] });
    s.script(slow('T1'), slow('T2'));
    const r = await s.run(['build', REQUEST, '--config', s.config()], {}, 80000);
    assert.equal(r.code, 0, r.stderr);
    const calls = callIntervals(s.journal());
    const t1 = calls.get('call:T1:implementation:a1');
    const t2 = calls.get('call:T2:implementation:a1');
    assert.ok(t1 && t2, [...calls.keys()].join(', '));
    assert.ok(t1.start < t2.end && t2.start < t1.end, `T1 ${JSON.stringify(t1)} and T2 ${JSON.stringify(t2)} overlap`);
  });
});
