import assert from 'node:assert/strict';
import type { JournalEvent, Journalled } from '../../../../src/core/pipeline/journal/events';
import { findingRequest } from '../../../../src/core/pipeline/findings/findingRequest';
import { levelOf, placeOf, placedFindings } from '../../../../src/core/pipeline/findings/placedFindings';

const journal = (...events: JournalEvent[]): Journalled[] => events.map((e, i) => ({ ...e, seq: i + 1, at: i + 1 }) as Journalled);
const start: JournalEvent = { type: 'run', runId: 'R1', mode: 'create', request: 'r', version: '0', dir: '/ws' };
const gate = (task: string, attempt: number, findings: unknown[], gateName = 'bug_capture'): JournalEvent => ({
  type: 'note',
  topic: 'task.gate',
  task,
  data: { id: `${task}:${gateName}:a${attempt}`, task, attempt, gate: gateName, role: 'qc', score: 90, findings, passed: true },
});
const f = (severity: string, where: string, issue = 'an issue') => ({ gate: 'bug_capture', severity, where, issue, fix: 'a fix' });

// Issue 10, item 5: the findings a run leaves that point at a file and a line, for the editor's diagnostics.
describe('findings placed on files, from the journal', () => {
  it('maps severities to diagnostic levels: critical and high errors, medium warning, low information, info hint; an unknown word a warning', () => {
    assert.deepEqual(
      ['critical', 'High', 'medium', 'low', 'info', 'blocker'].map(levelOf),
      ['error', 'error', 'warning', 'information', 'hint', 'warning'],
    );
  });

  it("reads a gate finding's where as a file and line in the shapes reviewers write; a blueprint field or a sentence has no place", () => {
    assert.deepEqual(placeOf('src/a.js:12'), { file: 'src/a.js', line: 12 });
    assert.deepEqual(placeOf('src/a.js:12:5'), { file: 'src/a.js', line: 12 });
    assert.deepEqual(placeOf('`lib/x.ts#L7-L9`'), { file: 'lib/x.ts', line: 7 });
    assert.deepEqual(placeOf('./src/a.js line 3'), { file: 'src/a.js', line: 3 });
    assert.deepEqual(placeOf('index.js (line 4)'), { file: 'index.js', line: 4 });
    assert.deepEqual(placeOf('src/a.js'), { file: 'src/a.js', line: null });
    assert.equal(placeOf('tasks.T1.acceptance'), undefined);
    assert.equal(placeOf('the whole change'), undefined);
    assert.equal(placeOf('../outside.js:1'), undefined);
    assert.equal(placeOf('/etc/passwd:1'), undefined);
    assert.equal(placeOf(''), undefined);
  });

  it("keeps each task's gate findings of its last attempt only, and none of a task the breaker rolled back", () => {
    const events = journal(
      start,
      gate('T1', 1, [f('high', 'src/a.js:3', 'fixed in attempt 2')]),
      gate('T1', 2, [f('low', 'src/a.js:5', 'still there')]),
      gate('T2', 1, [f('high', 'src/b.js:1', 'rolled back')]),
      { type: 'note', topic: 'rollback', task: 'T2', data: { id: 'rollback:T2', task: 'T2', restored: [], removed: ['src/b.js'], traps: 2 } },
      gate('T3', 1, [f('medium', 'tasks.T3.acceptance', 'not a file')]),
    );
    assert.deepEqual(
      placedFindings(events).map((p) => [p.source, p.file, p.line, p.level, p.issue, p.by, p.runId]),
      [['gate', 'src/a.js', 5, 'information', 'still there', 'bug_capture gate (T1)', 'R1']],
    );
  });

  it("takes code QC's findings from the last code QC (a resumed run may score again), with or without a line", () => {
    const qc = (findings: unknown[]): JournalEvent => ({ type: 'note', topic: 'code_qc', data: { score: 80, target: 90, passed: false, findings, dead_code: [] } });
    const events = journal(
      start,
      qc([{ severity: 'high', file: 'src/old.js', line: 1, issue: 'old', fix: '' }]),
      qc([
        { severity: 'low', file: 'src/slugify.js', line: 3, issue: 'non-string input is coerced silently', fix: 'document it' },
        { severity: 'medium', file: 'README.md', issue: 'no usage', fix: 'add one' },
      ]),
    );
    assert.deepEqual(
      placedFindings(events).map((p) => [p.file, p.line, p.severity, p.level, p.by]),
      [
        ['src/slugify.js', 3, 'low', 'information', 'code QC'],
        ['README.md', null, 'medium', 'warning', 'code QC'],
      ],
    );
  });

  it("takes an audit's findings grouped (one per issue, every finder named); a missing file has no place, a line past the end is the file", () => {
    const finding = (by: string, file: string, line: number | null, checked: string) => ({ by, severity: 'high', file, line, issue: 'sum of an empty list is NaN', fix: 'start at 0', checked });
    const events = journal(
      { ...start, mode: 'audit' } as JournalEvent,
      {
        type: 'note',
        topic: 'audit.findings',
        data: { findings: [finding('ceo', 'src/sum.js', 5, 'ok'), finding('qc', 'src/sum.js', 5, 'ok'), finding('architect', 'src/gone.js', 1, 'no_file'), finding('architect', 'src/sum.js', 99, 'no_line')] },
      },
    );
    assert.deepEqual(
      placedFindings(events).map((p) => [p.source, p.file, p.line, p.level, p.by]),
      [
        ['audit', 'src/sum.js', 5, 'error', 'audit (ceo, qc)'],
        ['audit', 'src/sum.js', null, 'error', 'audit (architect)'],
      ],
    );
  });

  it("shows one issue that reviewers found at two files at both, each with its finders", () => {
    const finding = (by: string, file: string, line: number) => ({ by, severity: 'medium', file, line, issue: 'baseUrl compared as raw text, so a trailing slash makes the same model look different', fix: 'normalise the URL', checked: 'ok' });
    const events = journal({ ...start, mode: 'audit' } as JournalEvent, { type: 'note', topic: 'audit.findings', data: { findings: [finding('qc', 'src/resolve.ts', 94), finding('architect', 'src/gateway.ts', 120)] } });
    assert.deepEqual(
      placedFindings(events).map((p) => [p.file, p.line, p.by]),
      [
        ['src/resolve.ts', 94, 'audit (qc)'],
        ['src/gateway.ts', 120, 'audit (architect)'],
      ],
    );
  });

  it('a journal with no findings, or notes of another shape, gives none', () => {
    assert.deepEqual(placedFindings(journal(start, { type: 'note', topic: 'code_qc', data: { score: null, error: 'x' } }, { type: 'note', topic: 'task.gate', data: 'junk' })), []);
  });

  it('turns one finding into the request of an UPDATE: where, what, who found it, the fix, test-first', () => {
    const [p] = placedFindings(journal(start, { type: 'note', topic: 'code_qc', data: { findings: [{ severity: 'low', file: 'src/slugify.js', line: 3, issue: 'non-string input is coerced silently', fix: 'document it' }] } }));
    assert.ok(p);
    const request = findingRequest(p);
    assert.match(request, /\[low\] src\/slugify\.js:3: non-string input is coerced silently/);
    assert.match(request, /Fix proposed: document it/);
    assert.match(request, /code QC \(run R1\)/);
    assert.match(request, /test-first/);
  });
});
