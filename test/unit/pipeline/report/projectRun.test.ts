import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Journalled } from '../../../../src/core/pipeline/journal/events';
import { Journal, readJournal } from '../../../../src/core/pipeline/journal/journal';
import { journalLog, JournalLog } from '../../../../src/core/pipeline/report/journalLog';
import { projectRun } from '../../../../src/core/pipeline/report/projectRun';
import type { RunPicture, TaskCard } from '../../../../src/core/pipeline/report/runPicture';
import { createStoryMidRun, createStoryShipped, JournalStory } from '../../../support/journalStory';

const picture = (events: readonly Journalled[], live = true, budgetUsd: number | null = 5): RunPicture => {
  const p = projectRun(events, { live, reviewTarget: 90, budgetUsd });
  assert.ok(p, 'a journal with a run event has a picture');
  return p;
};
const stages = (p: RunPicture): string => p.stages.map((s) => `${s.stage}:${s.status}`).join(' ');
const tdd = (t: TaskCard | undefined): string =>
  t ? [t.testsWritten && 'tests', t.redSeen && 'RED', t.greenSeen && 'GREEN', t.refactored && 'refactored', `gates ${t.gates}`, `traps ${t.traps}`, t.rolledBack && 'rolled back'].filter(Boolean).join(', ') : 'missing';

describe('projectRun: the dashboard picture of a run, from its journal', () => {
  it('mid-run: the stage timeline has the mode\'s stages, those passed done, the current active, the rest waiting', () => {
    const p = picture(createStoryMidRun().events);
    assert.equal(p.state, 'running');
    assert.equal(p.live, true);
    assert.equal(stages(p), 'blueprint:done review:done gate:done waves:active code_qc:waiting verify:waiting learn:waiting');
    assert.equal(p.stages.find((s) => s.stage === 'waves')?.note, 'wave 2 of 2: T3');
  });

  it('an unfinished run nobody drives (VS Code restarted, the process killed) shows stopped where it was, not active', () => {
    const p = picture(createStoryMidRun().events, false);
    assert.equal(p.live, false);
    assert.equal(p.stages.find((s) => s.stage === 'waves')?.status, 'stopped');
    assert.match(p.tasks.find((t) => t.id === 'T3')?.now ?? '', /^stopped while writing the code/);
  });

  it('review scores per reviewer and per round, against the target the note carries', () => {
    const p = picture(createStoryMidRun().events);
    assert.equal(p.review.target, 95, "the note's target, not the host's fallback");
    assert.deepEqual(
      p.review.rounds.map((r) => `${r.round}: ${r.scores.map((s) => `${s.reviewer} ${s.score}`).join(', ')} (${r.findings} findings)`),
      ['1: qc 88, architect 96 (2 findings)', '2: qc 97, architect 96 (0 findings)'],
    );
  });

  it("falls back to the host's target for review notes without one (journals of older versions)", () => {
    const s = new JournalStory();
    s.add({ type: 'run', runId: 'r', mode: 'create', request: 'x', version: '0', dir: '/p' }).note('review', { round: 1, scores: { qc: 80 } });
    assert.equal(picture(s.events).review.target, 90);
  });

  it('the gate verdict with its reasons', () => {
    const p = picture(createStoryMidRun().events);
    assert.deepEqual(p.gate, { by: 'twin', status: 'decided', verdict: 'ACCEPT', reasons: ['builds what was asked: a slugify library with tests, node:test, no dependencies'], changes: [], decisions: 1 });
  });

  it('a human gate asked and not answered yet is waiting; answered, it shows the verdict and the reason', () => {
    const s = new JournalStory();
    s.add({ type: 'run', runId: 'r', mode: 'create', request: 'x', version: '0', dir: '/p' }).stage('gate', 'your decision');
    s.add({ type: 'effect.start', key: 'answer:gate:g1', kind: 'answer' });
    assert.equal(picture(s.events).gate?.status, 'waiting');
    assert.equal(picture(s.events).gate?.by, 'human');
    s.add({ type: 'effect.done', key: 'answer:gate:g1', kind: 'answer', result: { verdict: 'REJECT', reason: 'not what I asked' } });
    s.note('gate', { by: 'human', answer: { verdict: 'REJECT', reason: 'not what I asked' } });
    const p = picture(s.events);
    assert.deepEqual([p.gate?.status, p.gate?.verdict, p.gate?.reasons], ['decided', 'REJECT', ['not what I asked']]);
  });

  it("the wave/task board: each task's wave, role and TDD state, TRAPs counted, evidence known", () => {
    const p = picture(createStoryMidRun().events);
    assert.deepEqual(p.waves, [
      { wave: 1, tasks: ['T1', 'T2'] },
      { wave: 2, tasks: ['T3'] },
    ]);
    const t = (id: string): TaskCard | undefined => p.tasks.find((x) => x.id === id);
    assert.deepEqual(p.tasks.map((x) => `${x.id} w${x.wave} ${x.role} ${x.status}`), ['T1 w1 ceo done', 'T2 w1 ceo done', 'T3 w2 junior working']);
    assert.equal(tdd(t('T1')), 'tests, RED, GREEN, refactored, gates passed, traps 0');
    assert.equal(tdd(t('T2')), 'tests, RED, GREEN, refactored, gates passed, traps 1');
    assert.equal(t('T2')?.attempt, 2);
    assert.equal(tdd(t('T3')), 'tests, RED, gates waiting, traps 0');
    assert.equal(t('T3')?.now, 'writing the code');
    assert.equal(t('T3')?.hasEvidence, true);
  });

  it('a task whose gate failed in its last attempt shows gates failed; a rollback shows rolled back', () => {
    const s = new JournalStory();
    s.add({ type: 'run', runId: 'r', mode: 'update', request: 'x', version: '0', dir: '/p' });
    s.task('T1', 'junior', 1, { greenPasses: true, file: 'a.js', gateFails: true });
    assert.equal(tdd(picture(s.events).tasks[0]), 'tests, RED, GREEN, refactored, gates failed, traps 0');
    s.trap('T1', 1, 1, 'security gate failed');
    s.task('T1', 'junior', 2, { greenPasses: false, file: 'a.js' });
    s.trap('T1', 2, 2, 'GREEN failed');
    s.note('rollback', { id: 'rollback:T1', task: 'T1', restored: ['a.js'], removed: [], traps: 2 }, 'T1');
    s.end('T1', 'rolled_back', 2, 'junior', '2 failed attempts');
    const t = picture(s.events).tasks[0];
    assert.equal(t.status, 'rolled_back');
    assert.equal(t.traps, 2);
    assert.equal(t.rolledBack, true);
    assert.match(t.now, /rolled back: 2 failed attempts/);
  });

  it('tokens and cost per role against the budget', () => {
    const p = picture(createStoryMidRun().events, true, 0.05);
    assert.equal(p.cost.budgetUsd, 0.05);
    const ceo = p.cost.roles.find((r) => r.role === 'ceo');
    // blueprint + T1 (tests, code, refactor) + T2 (tests, code, code again, refactor).
    assert.deepEqual(ceo && [ceo.calls, ceo.input, ceo.output], [8, 16000, 3200]);
    assert.equal(p.cost.usd.toFixed(4), (p.cost.roles.reduce((s, r) => s + r.calls, 0) * 0.0028).toFixed(4));
    assert.deepEqual(p.cost.roles.map((r) => r.role), ['architect', 'ceo', 'junior', 'qc', 'twin']);
  });

  it('a call without a known price is counted as unknown, never $0', () => {
    const s = new JournalStory();
    s.add({ type: 'run', runId: 'r', mode: 'create', request: 'x', version: '0', dir: '/p' }).call('blueprint', 'ceo', 'blueprint', undefined, 'x', null);
    assert.deepEqual(picture(s.events).cost.roles[0], { role: 'ceo', calls: 1, input: 2000, output: 400, usd: 0, unpriced: 1 });
  });

  it('at the end: every stage done, the checks against their targets, the reason', () => {
    const p = picture(createStoryShipped().events, false);
    assert.equal(p.state, 'shipped');
    assert.equal(stages(p), 'blueprint:done review:done gate:done waves:done code_qc:done verify:done learn:done');
    assert.deepEqual(p.checks, [
      { name: 'code QC', score: 93, target: 85, passed: true },
      { name: 'verify', score: 95, target: 90, passed: true },
    ]);
    assert.match(p.reason ?? '', /all 3 tasks/);
  });

  it('a run that did not ship: the stage it ended in failed, the ones it never reached skipped', () => {
    const s = new JournalStory();
    s.add({ type: 'run', runId: 'r', mode: 'audit', request: 'audit of x', version: '0', dir: '/p' }).stage('recon');
    s.add({ type: 'end', state: 'not_shipped', reason: 'recon failed' });
    assert.equal(stages(picture(s.events)), 'recon:failed audit:skipped learn:skipped');
  });

  it('a stopped run resumed is running again', () => {
    const s = new JournalStory();
    s.add({ type: 'run', runId: 'r', mode: 'create', request: 'x', version: '0', dir: '/p' }).stage('blueprint');
    s.add({ type: 'end', state: 'stopped', reason: 'cancelled' });
    assert.equal(stages(picture(s.events)), 'blueprint:stopped review:waiting gate:waiting waves:waiting code_qc:waiting verify:waiting learn:waiting');
    s.add({ type: 'resumed', attempt: 1 });
    assert.equal(picture(s.events).state, 'running');
    assert.equal(picture(s.events).stages[0].status, 'active');
  });

  it('live and replayed give the same picture: events as the journal hands them out equal the file read back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'factory-picture-'));
    try {
      const seen: Journalled[] = [];
      const journal = new Journal(join(dir, 'journal.jsonl'), (e) => seen.push(e));
      for (const e of createStoryShipped().events) {
        const { seq: _seq, at: _at, ...event } = e;
        journal.append(event);
      }
      journal.close();
      const replayed = readJournal(join(dir, 'journal.jsonl'));
      assert.deepEqual(projectRun(replayed, { live: false }), projectRun(seen, { live: false }));
      const live = new JournalLog();
      assert.deepEqual(seen.flatMap((e) => live.lines(e)), journalLog(replayed));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no run event: no picture (an empty or foreign file)', () => {
    assert.equal(projectRun([], { live: false }), undefined);
  });
});

describe('journalLog: the run log from the journal', () => {
  const lines = journalLog(createStoryShipped().events);

  it('a model answer is one line with its full text folded under it', () => {
    const review = lines.find((l) => l.source === 'qc' && l.message.startsWith('review:'));
    assert.ok(review, 'the qc review answer is a line');
    assert.match(review.message, /^review: The tasks are well cut/);
    assert.match(review.detail ?? '', /no case for an all-symbol input/);
  });

  it("a call's asked line names the call, so its streamed text can grow under it; no other line does", () => {
    const mid = journalLog(createStoryMidRun().events);
    const asked = mid.filter((l) => l.call !== undefined);
    assert.ok(asked.length > 5 && asked.every((l) => l.message.startsWith('asked: ')), asked.map((l) => l.message).join('\n'));
    assert.deepEqual(asked.at(-1), { ...asked.at(-1), source: 'junior', message: 'asked: implementation T3', call: 'call:T3:implementation:a1' });
    assert.equal(mid.filter((l) => l.message.startsWith('asked: ')).length, asked.length);
  });

  it('a command is one line with its exit code; its output is folded under it', () => {
    const red = lines.find((l) => l.source === 'command' && l.message.includes('test/t1.test.js'));
    assert.equal(red?.message, '$ node --test test/t1.test.js → exit 1 in 1.1 s');
    assert.equal(red?.level, 'info', 'a RED run fails as it must: not a warning');
    assert.match(red?.detail ?? '', /not ok 1/);
  });

  it('stages, scores, verdicts, TRAPs and the end are lines of their own', () => {
    const text = lines.map((l) => `${l.source}: ${l.message}`);
    for (const want of [/^stage: review — round 2$/, /^review: round 1: qc 88, architect 96 \(target 95\)$/, /^gate: twin: ACCEPT — builds what was asked/, /^T2: TRAP 1 of 2 \(green, attempt 1\)/, /^code QC: score 93 \(target 85\): passed$/, /^run: SHIPPED: all 3 tasks/]) {
      assert.ok(text.some((t) => want.test(t)), `no line matches ${String(want)}:\n${text.join('\n')}`);
    }
  });
});

describe('the run log says where commands run', () => {
  const note = (data: Record<string, unknown>): Journalled[] => [{ type: 'note', topic: 'sandbox', data, seq: 1, at: 0 }];
  it('a warning when they run without a sandbox, naming what to install; info when sandboxed', () => {
    const warned = journalLog(note({ mode: 'auto', sandboxed: false, warning: 'commands run WITHOUT a sandbox: bubblewrap (bwrap) is not installed: install bubblewrap' }));
    assert.deepEqual(
      warned.map((e) => [e.level, e.source, e.message]),
      [['warn', 'sandbox', 'commands run WITHOUT a sandbox: bubblewrap (bwrap) is not installed: install bubblewrap']],
    );
    const sandboxed = journalLog(note({ mode: 'auto', sandboxed: true, tool: 'bubblewrap' }));
    assert.deepEqual(sandboxed.map((e) => [e.level, e.message]), [['info', 'commands run in a sandbox (bubblewrap)']]);
  });
});
