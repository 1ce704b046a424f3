import assert from 'node:assert/strict';
import { auditFindingsEvent } from '../../../../src/core/pipeline/audit/auditFindings';
import type { JournalEvent, Journalled } from '../../../../src/core/pipeline/journal/events';
import { renderReport } from '../../../../src/core/pipeline/report/writeReport';

const journal = (events: JournalEvent[]): Journalled[] => events.map((e, i) => ({ ...e, seq: i + 1, at: 1_700_000_000_000 + i }));

const run = (mode: 'audit' | 'create'): JournalEvent => ({ type: 'run', runId: 'r1', mode, request: 'audit of big', version: '0.1.0', dir: '/work/big', ...(mode === 'audit' && { path: '.' }) });

describe('report.md of an AUDIT run', () => {
  const sampled: JournalEvent = {
    type: 'note',
    topic: 'audit.sample',
    data: {
      budgetChars: 120000,
      read: [
        { path: 'src/main.ts', lines: 120, chars: 5000 },
        { path: 'src/util.ts', lines: 30, chars: 1200 },
      ],
      notRead: [
        { path: 'src/huge.ts', why: 'budget' },
        { path: 'test/huge.test.ts', why: 'budget' },
        { path: 'logo.png', why: 'unreadable' },
      ],
    },
  };

  it('is chosen by the run event\'s mode, and says exactly which files were read and which were not, and why', () => {
    const events = journal([run('audit'), { type: 'stage', stage: 'recon' }, sampled, auditFindingsEvent([]), { type: 'end', state: 'shipped', reason: 'audit done: 0 findings' }]);
    const report = renderReport('r1', events);
    assert.match(report, /^# Factory audit r1\n\nFolder audited: `\/work\/big`/);
    assert.match(report, /\*\*audit done\*\*: 0 findings/);
    assert.match(report, /Read whole and shown to every reviewer: 2 files, 150 lines, within a budget of 120000 characters/);
    assert.match(report, /- src\/main\.ts \(120 lines\)\n- src\/util\.ts \(30 lines\)/);
    assert.match(report, /Not read by any reviewer: 3 files\./);
    assert.match(report, /<summary>read by nobody: over the budget \(seen in the map only, if it has symbols\) \(2\)<\/summary>\n\n- src\/huge\.ts\n- test\/huge\.test\.ts/);
    assert.match(report, /<summary>not read: binary or not readable \(1\)<\/summary>\n\n- logo\.png/);
    assert.match(report, /## Findings\n\nNo findings\./);
    // The same journal as a CREATE run gets the CREATE layout.
    assert.doesNotMatch(renderReport('r1', journal([run('create'), sampled])), /What was read/);
  });

  it('says which shared file was shown only in part (its head, of how many lines), and names lockfiles as never read', () => {
    const cutSample: JournalEvent = {
      type: 'note',
      topic: 'audit.sample',
      data: {
        budgetChars: 120000,
        read: [
          { path: 'package.json', lines: 400, chars: 19000, cut: { lines: 3000, bytes: 90000 } },
          { path: 'src/main.ts', lines: 120, chars: 5000 },
        ],
        shared: ['package.json', 'src/main.ts'],
        byRole: { ceo: [], qc: [], architect: [] },
        notRead: [{ path: 'package-lock.json', why: 'lockfile' }],
        entryPoints: [],
      },
    };
    const report = renderReport('r1', journal([run('audit'), cutSample, auditFindingsEvent([]), { type: 'end', state: 'shipped', reason: 'audit done: 0 findings' }]));
    assert.match(report, /- package\.json \(its first 400 of 3000 lines: cut, the rest not read\)\n- src\/main\.ts \(120 lines\)/);
    assert.match(report, /<summary>not read: a lockfile \(generated; the manifest says what the project depends on\) \(1\)<\/summary>\n\n- package-lock\.json/);
  });

  it('an audit that could not finish, or is still running, says so', () => {
    assert.match(renderReport('r1', journal([run('audit'), { type: 'end', state: 'not_shipped', reason: "the audit could not finish: the qc's audit report could not be used" }])), /\*\*audit could not finish\*\*: the qc's audit report could not be used\n/);
    assert.match(renderReport('r1', journal([run('audit'), { type: 'stage', stage: 'audit', note: 'self-audit by the ceo' }])), /\*\*running\*\* \(no end recorded yet; last stage: audit\)/);
  });
});
