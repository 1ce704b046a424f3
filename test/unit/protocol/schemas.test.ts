import assert from 'node:assert/strict';
import { parseReply } from '../../../src/core/protocol/parseReply';
import { DAC_KINDS, DAC_SCHEMAS } from '../../../src/core/protocol/schemas';
import { taskWaves } from '../../../src/core/protocol/schemas/blueprint';
import { DAC_EXAMPLES, reply } from './examples';

function issues(message: unknown): string[] {
  const r = parseReply(reply(message));
  assert.ok(!r.ok, 'should be invalid');
  return r.issues.map((i) => `${i.path}: ${i.expected}`);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

describe('DaC schemas', () => {
  it('has a schema and a DAC.md example for every kind, and every example validates', () => {
    assert.deepEqual([...DAC_KINDS].sort(), Object.keys(DAC_EXAMPLES).sort());
    for (const kind of DAC_KINDS) {
      const r = parseReply(reply(DAC_EXAMPLES[kind]), kind);
      assert.ok(r.ok, `${kind}: ${r.ok ? '' : JSON.stringify(r.issues)}`);
    }
  });

  it('keeps unknown fields, at the top and inside', () => {
    const msg = clone(DAC_EXAMPLES.review);
    msg.extra = { x: 1 };
    (msg.findings as Array<Record<string, unknown>>)[0].confidence = 0.8;
    const r = parseReply(reply(msg), 'review');
    assert.ok(r.ok);
    assert.deepEqual((r.message as Record<string, unknown>).extra, { x: 1 });
    assert.equal((r.message.findings[0] as Record<string, unknown>).confidence, 0.8);
  });

  it('fills documented defaults for optional parts', () => {
    const r = parseReply(reply({ dac: 1, kind: 'qc_report', score: 90 }), 'qc_report');
    assert.ok(r.ok);
    assert.deepEqual([r.message.findings, r.message.dead_code], [[], []]);
  });

  it('reads case slips in enumerations as meant', () => {
    const r = parseReply(reply({ dac: 1, kind: 'decision', verdict: 'accept' }), 'decision');
    assert.ok(r.ok && r.message.verdict === 'ACCEPT');
    const s = parseReply(reply({ dac: 1, kind: 'review', score: 1, findings: [{ severity: ' High', issue: 'x' }] }), 'review');
    assert.ok(s.ok && s.message.findings[0].severity === 'high');
  });

  it('names the path and what was expected for field errors', () => {
    assert.deepEqual(issues({ dac: 1, kind: 'review', score: 101 }), ['$.score: an integer score from 0 to 100']);
    assert.deepEqual(issues({ dac: 1, kind: 'review', score: 7.5 }), ['$.score: an integer score from 0 to 100']);
    assert.deepEqual(issues({ dac: 1, kind: 'review', score: 5, findings: [{ severity: 'urgent', issue: '' }] }), [
      '$.findings[0].severity: one of "critical", "high", "medium", "low", "info"',
      '$.findings[0].issue: a non-empty string',
    ]);
    assert.deepEqual(issues({ dac: 1, kind: 'task_result', task: 'T 1', phase: 'tests', files: ['../x.js'] }), [
      '$.task: a short id: a letter, then up to 31 letters, digits, "-", "_" or "." (e.g. "T1")',
      '$.files[0]: a path relative to the workspace root, with / (no leading /, ./, .. or \\, not .git, .factory, .vscode, .idea, .devcontainer, .envrc or a *.code-workspace file), e.g. "src/a.js"',
    ]);
    // A task may not list files no model may write (DESIGN.md, "What models may write").
    for (const f of ['.vscode/settings.json', '.GIT/config', '.envrc', '.idea/x.xml', '.devcontainer/devcontainer.json']) {
      assert.deepEqual(issues({ dac: 1, kind: 'task_result', task: 'T1', phase: 'tests', files: [f] }).length, 1, f);
    }
    assert.deepEqual(issues({ dac: 1, kind: 'decision', verdict: 'CHANGE' }), ['$.changes: at least one change when the verdict is CHANGE']);
  });

  it('checks probes by their kind', () => {
    const bad = { dac: 1, kind: 'verify_plan', probes: [{ id: 'P1', kind: 'sql', expect: 'x' }, { id: 'P2', kind: 'http', method: 'GET', path: 'items', expect: 'ok' }] };
    assert.deepEqual(issues(bad), ['$.probes[0].kind: a probe whose "kind" is "command" or "http"', '$.probes[1].path: a path starting with /']);
    const dup = clone(DAC_EXAMPLES.verify_plan);
    (dup.probes as Array<Record<string, unknown>>)[1].id = 'P1';
    assert.deepEqual(issues(dup), ['$.probes[1].id: a probe id not used before ("P1" is)']);
  });

  describe('blueprint', () => {
    const task = (id: string, files: string[], depends_on: string[] = []) => ({ id, title: id, acceptance: ['works'], files, depends_on });
    const bp = (tasks: unknown[], commands: Record<string, unknown> = { test: 'npm test' }) => ({
      dac: 1,
      kind: 'blueprint',
      title: 't',
      summary: 's',
      core: { stack: ['node'], commands },
      tasks,
    });

    it('needs {files} in test_files', () => {
      assert.deepEqual(issues(bp([task('T1', ['a.js'])], { test: 'npm test', test_files: 'node --test' })), [
        '$.core.commands.test_files: a command containing {files} (it becomes one word per test file), or null',
      ]);
    });

    it('refuses duplicate ids, unknown dependencies and cycles', () => {
      assert.deepEqual(issues(bp([task('T1', ['a.js']), task('T1', ['b.js'])])), ['$.tasks[1].id: a task id not used before (tasks[0] is already "T1")']);
      assert.deepEqual(issues(bp([task('T1', ['a.js'], ['T9'])])), ['$.tasks[0].depends_on[0]: the id of a task in this blueprint (there is no task "T9")']);
      assert.deepEqual(issues(bp([task('T1', ['a.js'], ['T2']), task('T2', ['b.js'], ['T1'])])), ['$.tasks[0].depends_on: dependencies without a cycle (T1 → T2 → T1)']);
    });

    it('refuses overlapping files within a wave, and allows them across waves', () => {
      assert.equal(issues(bp([task('T1', ['a.js']), task('T2', ['a.js'])]))[0].startsWith('$.tasks[1].files[0]: files not owned by another task of the same wave'), true);
      assert.ok(parseReply(reply(bp([task('T1', ['a.js']), task('T2', ['a.js'], ['T1'])])), 'blueprint').ok);
    });

    it('reads a task\'s assignee (junior or ceo, any case) and refuses other roles', () => {
      const parsed = parseReply(reply(bp([{ ...task('T1', ['a.js']), assignee: 'Junior' }, task('T2', ['b.js'])])), 'blueprint');
      assert.ok(parsed.ok);
      assert.deepEqual(
        parsed.message.tasks.map((t) => t.assignee),
        ['junior', undefined],
      );
      assert.deepEqual(issues(bp([{ ...task('T1', ['a.js']), assignee: 'twin' }])), ['$.tasks[0].assignee: one of "ceo", "junior"']);
    });

    it('orders tasks into waves after their dependencies', () => {
      assert.deepEqual(taskWaves([task('A', []), task('B', [], ['A']), task('C', []), task('D', [], ['B', 'C'])]), { ok: true, waves: [['A', 'C'], ['B'], ['D']] });
      assert.deepEqual(taskWaves([task('A', [], ['A'])]), { ok: false, cycle: ['A', 'A'] });
    });
  });

  it('every schema is a zod schema with safeParse (no hand-written checks)', () => {
    for (const kind of DAC_KINDS) assert.equal(typeof DAC_SCHEMAS[kind].safeParse, 'function');
  });
});
