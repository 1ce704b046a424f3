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
