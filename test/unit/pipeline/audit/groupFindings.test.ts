import assert from 'node:assert/strict';
import { auditFindingsEvent, auditFindingsOf, recordedFindingsOf, type AuditFinding } from '../../../../src/core/pipeline/audit/auditFindings';
import type { JournalEvent, Journalled } from '../../../../src/core/pipeline/journal/events';
import { renderReport } from '../../../../src/core/pipeline/report/writeReport';

const journal = (events: JournalEvent[]): Journalled[] => events.map((e, i) => ({ ...e, seq: i + 1, at: 1_700_000_000_000 + i }));
const run: JournalEvent = { type: 'run', runId: 'r1', mode: 'audit', request: 'audit of app', version: '0.1.0', dir: '/work/app', path: '.' };
const f = (by: AuditFinding['by'], file: string, line: number | null, issue: string, severity = 'medium', checked: AuditFinding['checked'] = 'ok'): AuditFinding => ({ by, severity, file, line, issue, fix: `fix by ${by}`, checked });

describe('AUDIT findings: the same issue found by several reviewers is one finding', () => {
  const findings = [
    f('ceo', 'src/journal.ts', 22, 'a damaged middle line truncates the journal and loses every later event'),
    f('ceo', 'src/gateway.ts', 235, 'prepare() checks every fallback before the first request'),
    f('ceo', 'src/sum.js', 5, 'the loop stops before the last element', 'high'),
    f('qc', 'src/sum.js', 3, 'sum has no doc for an empty list', 'low'),
    f('qc', 'src/journal.ts', 24, 'a bad line in the middle of the journal truncates it: later events are lost', 'high'),
    f('architect', 'src/gateway.ts', 235, 'a fallback that cannot be used blocks the primary model', 'low'),
    f('architect', 'src/journal.ts', 90, 'the journal has no schema for its notes'),
  ];

  it('groups by file and the same line, or a nearby line with the same words; never two findings of one reviewer; the note stays as recorded', () => {
    const events = journal([run, auditFindingsEvent(findings)]);
    // The journal note is the contract: unchanged, every finding as each reviewer sent it.
    assert.deepEqual(recordedFindingsOf(events), findings);
    const grouped = auditFindingsOf(events) ?? [];
    assert.deepEqual(
      grouped.map((g) => [g.file, g.line, g.foundBy.join('+'), g.severity]),
      [
        ['src/journal.ts', 22, 'ceo+qc', 'high'],
        ['src/gateway.ts', 235, 'ceo+architect', 'medium'],
        ['src/sum.js', 5, 'ceo', 'high'],
        ['src/sum.js', 3, 'qc', 'low'],
        ['src/journal.ts', 90, 'architect', 'medium'],
      ],
    );
    const journalGroup = grouped[0];
    assert.deepEqual(journalGroup?.lines, [22, 24]);
    assert.equal(journalGroup?.issue, findings[0]?.issue, "the first finder's words");
    assert.deepEqual(journalGroup?.findings.map((x) => x.by), ['ceo', 'qc'], 'each finding kept as recorded');
    // Two findings of one reviewer at the same place stay two.
    const twice = auditFindingsOf(journal([run, auditFindingsEvent([f('qc', 'a.ts', 4, 'x is never closed'), f('qc', 'a.ts', 4, 'x is never closed either')])])) ?? [];
    assert.equal(twice.length, 2);
  });

  it('report.md shows one row per issue naming every reviewer who found it, and says the check is that the file and line exist', () => {
    const report = renderReport('r1', journal([run, auditFindingsEvent([...findings, f('qc', 'src/gone.ts', 3, 'a file that is not there', 'low', 'no_file')]), { type: 'end', state: 'shipped', reason: 'audit done' }]));
    assert.match(report, /\| src\/journal\.ts:22, 24 \| ceo, qc \| a damaged middle line/);
    assert.equal(report.match(/src\/gateway\.ts:235/g)?.length, 1, 'the duplicate is one row');
    assert.match(report, /\| src\/gateway\.ts:235 \| ceo, architect \|/);
    assert.match(report, /### high \(2\)/);
    assert.match(report, /8 findings from the reviewers, 6 after grouping/);
    assert.match(report, /the engine checked only that each named file and line exist, not that the finding is true/);
    assert.doesNotMatch(report, /not found in the files|checked against the files/);
  });
});

describe('AUDIT findings: grouped by the issue, wherever each reviewer placed it', () => {
  /** Whether two findings of two reviewers end up as one. */
  const together = (a: AuditFinding, b: AuditFinding, others: AuditFinding[] = []): boolean => {
    const grouped = auditFindingsOf(journal([run, auditFindingsEvent([a, b, ...others])])) ?? [];
    // The journal gives copies: a finding is known by its reviewer, place and words.
    const has = (g: { findings: AuditFinding[] }, x: AuditFinding): boolean => g.findings.some((m) => m.by === x.by && m.file === x.file && m.line === x.line && m.issue === x.issue);
    return grouped.some((g) => has(g, a) && has(g, b));
  };

  const MUST_GROUP: Array<[string, AuditFinding, AuditFinding]> = [
    [
      'the same comparison at the check and at its caller',
      f('qc', 'src/config/resolve.ts', 94, 'selfReviewProblems compares baseUrl as raw text, so http://host/v1 and http://host/v1/ count as two endpoints and a model may review its own work'),
      f('architect', 'src/providers/gateway.ts', 120, 'The self-review guard compares baseUrl strings as raw text: a trailing slash or an upper-case host makes one endpoint look like another, so a model can review its own work.'),
    ],
    [
      'the same budget hole seen from two places',
      f('ceo', 'src/pipeline/spent.ts', 40, 'No reservation for calls in flight: parallel calls each check limits.budgetUsd before any of them reports its cost, so the budget can be overspent.'),
      f('qc', 'src/providers/gateway.ts', 210, 'Concurrent model calls all pass the budget check before one records its usage; limits.budgetUsd is exceeded by parallel requests (no in-flight reservation).'),
    ],
    [
      'one file named by the ceo, its test by qc',
      f('ceo', 'src/core/journal/journal.ts', 61, 'A damaged line in the middle of journal.jsonl truncates the journal on load: every later event is silently dropped.'),
      f('qc', 'test/unit/journal.test.ts', 12, 'Nothing tests that a corrupt middle line of journal.jsonl drops every later event when the journal is loaded (it truncates silently).'),
    ],
  ];

  const MUST_NOT_GROUP: Array<[string, AuditFinding, AuditFinding]> = [
    [
      'two issues in one file',
      f('qc', 'src/journal.ts', 22, 'a damaged middle line truncates the journal and loses every later event'),
      f('architect', 'src/journal.ts', 90, 'the journal has no schema for its notes, so a reader cannot tell a note it understands from one it does not'),
    ],
    [
      'two issues in one file, near each other',
      f('ceo', 'src/exec/run.ts', 30, 'the child process is never killed when the timeout fires'),
      f('qc', 'src/exec/run.ts', 33, 'stderr is decoded as latin1, so UTF-8 error messages are garbled'),
    ],
    [
      'two missing tests of different things',
      f('ceo', 'src/slug.ts', 5, 'missing test for the empty input case: slugify("") is never tested'),
      f('qc', 'src/money.ts', 9, 'missing test for the error path when the price is negative'),
    ],
    [
      'two different issues on the same line',
      f('ceo', 'src/sum.js', 5, 'the loop stops before the last element'),
      f('qc', 'src/sum.js', 5, 'var instead of const: hoisting makes the accumulator visible outside'),
    ],
    [
      'the same words about different subjects in different files',
      f('qc', 'src/config/layers.ts', 15, 'a workspace config may set allowSelfReview, so a cloned repository can let a model review its own work'),
      f('architect', 'src/providers/gateway.ts', 120, 'the gateway does not log which model answered when a fallback is used'),
    ],
  ];

  for (const [what, a, b] of MUST_GROUP) {
    it(`groups ${what} (${a.file}:${a.line} and ${b.file}:${b.line}), keeping each finder's file and line`, () => {
      assert.ok(together(a, b), `${a.issue}\n${b.issue}`);
      const g = (auditFindingsOf(journal([run, auditFindingsEvent([a, b])])) ?? [])[0];
      assert.ok(g);
      assert.deepEqual(g.places, [
        { file: a.file, lines: [a.line as number], by: [a.by] },
        { file: b.file, lines: [b.line as number], by: [b.by] },
      ]);
    });
  }
  for (const [what, a, b] of MUST_NOT_GROUP) {
    it(`keeps ${what} apart (${a.file}:${a.line}, ${b.file}:${b.line})`, () => {
      assert.ok(!together(a, b), `${a.issue}\n${b.issue}`);
      // Among many other findings, too.
      assert.ok(!together(a, b, [...MUST_GROUP.flatMap(([, x, y]) => [x, y])]));
    });
  }

  it('report.md and the UPDATE request name every place of a grouped issue, each with who found it there', () => {
    const [, a, b] = MUST_GROUP[0] as [string, AuditFinding, AuditFinding];
    const report = renderReport('r1', journal([run, auditFindingsEvent([a, b]), { type: 'end', state: 'shipped', reason: 'audit done' }]));
    assert.match(report, /\| src\/config\/resolve\.ts:94 \(qc\); src\/providers\/gateway\.ts:120 \(architect\) \| qc, architect \|/);
    assert.match(report, /2 findings from the reviewers, 1 after grouping/);
  });
});
