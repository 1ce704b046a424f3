import assert from 'node:assert/strict';
import { renderBlueprintDoc } from '../../../../src/core/pipeline/blueprint/blueprintDoc';
import type { JournalEvent, Journalled } from '../../../../src/core/pipeline/journal/events';
import { blueprintMarks, roundText, taskLines, taskText } from '../../../../src/core/pipeline/inline/blueprintMarks';
import { latestScore, scoreText } from '../../../../src/core/pipeline/inline/latestScore';
import { makeBlueprint } from '../harness';
import { addTask, mulTask } from '../tddProject';

// Every journal opens with its run event.
const RUN: JournalEvent = { type: 'run', runId: 'r1', mode: 'create', request: 'x', version: '0', dir: '/p' };
const journal = (...events: JournalEvent[]): Journalled[] => [RUN, ...events].map((e, i) => ({ ...e, seq: i + 1, at: i + 1 }) as Journalled);
const note = (topic: string, data: Record<string, unknown>, task?: string): JournalEvent => ({ type: 'note', topic, ...(task && { task }), data });

// Issue 10, item 3: what blueprint.md shows inline (CodeLens) and the status bar's last score, read from the journal.
describe("blueprint.md's inline marks from the journal", () => {
  const events = journal(
    note('blueprint', { tasks: ['T1', 'T2', 'T3'] }),
    note('review', { round: 1, scores: { qc: 72, architect: 90 }, target: 85, blocksNotApplied: { qc: [], architect: ['block 1: no match'] } }),
    note('review', { round: 2, scores: { qc: 88, architect: 91 }, target: 85, blocksNotApplied: { qc: [], architect: [] } }),
    note('gate', { by: 'twin', verdict: 'ACCEPT', reasons: [] }),
    note('task.red', { task: 'T1', attempt: 1, ok: true }, 'T1'),
    note('task.green', { task: 'T1', attempt: 1, ok: false }, 'T1'),
    note('trap', { task: 'T1', attempt: 1, phase: 'green', traps: 1, limit: 2 }, 'T1'),
    note('task.red', { task: 'T1', attempt: 2, ok: true }, 'T1'),
    note('task.green', { task: 'T1', attempt: 2, ok: true }, 'T1'),
    note('task.refactor', { task: 'T1', attempt: 2, ok: true }, 'T1'),
    note('task.gate', { task: 'T1', attempt: 2, gate: 'bug_capture', passed: true }, 'T1'),
    note('task.gate', { task: 'T1', attempt: 2, gate: 'security', passed: true }, 'T1'),
    note('task.end', { task: 'T1', state: 'done', traps: 1 }, 'T1'),
    note('task.red', { task: 'T2', attempt: 1, ok: true }, 'T2'),
    note('task.gate', { task: 'T2', attempt: 1, gate: 'bug_capture', passed: true }, 'T2'),
    note('task.gate', { task: 'T2', attempt: 1, gate: 'security', passed: false }, 'T2'),
  );

  it("gives each review round's scores against its target, a score whose blocks did not apply marked as not counted", () => {
    const marks = blueprintMarks(events);
    assert.deepEqual(
      marks.rounds.map((r) => roundText(r)),
      ['Review round 1: qc 72 · architect 90 (not counted: its blocks did not apply) (target 85 — below)', 'Review round 2: qc 88 · architect 91 (target 85 — reached)'],
    );
    assert.equal(marks.gate, 'ACCEPT by the twin');
  });

  it("a journal from before the review note named its target takes the configured one; none known, none shown", () => {
    const [old] = blueprintMarks(journal(note('review', { round: 1, scores: { qc: 96, architect: 97 } }))).rounds;
    assert.ok(old);
    assert.equal(roundText(old, 95), 'Review round 1: qc 96 · architect 97 (target 95 — reached)');
    assert.equal(roundText(old), 'Review round 1: qc 96 · architect 97');
  });

  it("gives each task's TDD state of its last attempt, its TRAPs and how it ended; a planned task not started is waiting", () => {
    const byId = new Map(blueprintMarks(events).tasks.map((t) => [t.task, taskText(t)]));
    assert.equal(byId.get('T1'), 'T1: done — tests ✓ RED ✓ GREEN ✓ refactor ✓ gates ✓ · 1 TRAP · attempt 2');
    assert.equal(byId.get('T2'), 'T2: gates — tests ✓ RED ✓ GREEN · refactor · gates ✗ · 0 TRAPs');
    assert.equal(byId.get('T3'), 'T3: waiting — tests · RED · GREEN · refactor · gates · · 0 TRAPs');
  });

  it('a rolled-back task says so', () => {
    const [t] = blueprintMarks(journal(note('trap', { task: 'T1', attempt: 2, traps: 2 }, 'T1'), note('task.end', { task: 'T1', state: 'rolled_back', traps: 2 }, 'T1'))).tasks;
    assert.ok(t);
    assert.match(taskText(t), /^T1: rolled back — .* · 2 TRAPs · attempt 2$/);
  });

  it("finds the line each task begins on in blueprint.md as the engine writes it (its id in the dac block's tasks), not ids elsewhere", () => {
    const bp = makeBlueprint({ tasks: [addTask(), mulTask()] });
    const doc = renderBlueprintDoc(bp, 'Tasks T1 and T2 are described below.\n\n"id": "T1" in prose is not a task.');
    const lines = doc.split('\n');
    const at = taskLines(doc);
    assert.deepEqual([...at.keys()], ['T1', 'T2']);
    for (const [id, line] of at) {
      assert.match(lines[line] ?? '', new RegExp(`^\\s+"id": "${id}",?$`));
      assert.ok(lines.slice(0, line).some((l) => /"tasks": \[/.test(l)), `${id} is inside the tasks list`);
    }
    assert.deepEqual([...taskLines('# no block\n').keys()], []);
  });

  it("the status bar's last score: a review round's lowest reviewer, code QC, verify, each against its target", () => {
    const [r1, r2] = events.slice(2, 4);
    assert.equal(scoreText(latestScore(r1 as Journalled)!), 'review 1 (qc) 72/85');
    assert.equal(scoreText(latestScore(r2 as Journalled)!), 'review 2 (qc) 88/85');
    const [, qc, verify, other] = journal(note('code_qc', { score: 93, target: 90 }), note('verify', { score: 100, target: 95 }), note('task.red', { ok: true }));
    assert.equal(scoreText(latestScore(qc!)!), 'code QC 93/90');
    assert.equal(scoreText(latestScore(verify!)!), 'verify 100/95');
    assert.equal(latestScore(other!), undefined);
  });
});
