import assert from 'node:assert/strict';
import { endNotice, notStarted, untrustedNotice, busyNotice } from '../../../src/vscode/notices';

// A notification shows its first ~60 characters before it is expanded: what happened must come first,
// and a neutral notice (nothing wrong, nothing to fix) is information, not a warning.
const HEAD = 60;
const head = (text: string): string => text.slice(0, HEAD);

describe('notification wording', () => {
  const run = { runId: '20260127-120000-abcd', request: 'a slugify library with tests', reason: 'every gate passed', cancelled: false, reportFile: '/w/.factory/runs/20260127-120000-abcd/report.md' };

  it('a run\'s end leads with how it ended; shipped and a cancel you asked for are information, the rest warnings', () => {
    const shipped = endNotice({ ...run, mode: 'create', state: 'shipped' });
    assert.match(head(shipped.text), /^Shipped: a slugify library/);
    assert.equal(shipped.level, 'info');
    const failed = endNotice({ ...run, mode: 'create', state: 'not_shipped', reason: 'code QC scored 60 of the 85 needed' });
    assert.match(head(failed.text), /^Not shipped: code QC scored 60/);
    assert.equal(failed.level, 'warning');
    const cancelled = endNotice({ ...run, mode: 'create', state: 'stopped', reason: 'cancelled', cancelled: true });
    assert.match(head(cancelled.text), /^Stopped \(resumable\)/);
    assert.equal(cancelled.level, 'info');
    assert.deepEqual(cancelled.actions.map((a) => a.label), ['Resume', 'Open Report']);
    assert.deepEqual(cancelled.actions[0]?.args, [run.runId]);
    const budget = endNotice({ ...run, mode: 'create', state: 'stopped', reason: 'the budget of $5.00 would be passed' });
    assert.match(head(budget.text), /^Stopped \(resumable\): the budget/);
    assert.equal(budget.level, 'warning');
    const untrusted = endNotice({ ...run, mode: 'create', state: 'stopped', reason: 'a command was refused', why: 'the workspace is not trusted' });
    assert.match(head(untrusted.text), /^Stopped \(resumable\), the workspace is not trusted:/);
    for (const n of [shipped, failed, cancelled, budget]) assert.ok(n.text.endsWith(`(run ${run.runId})`), n.text);
  });

  it('an audit reads as an audit: done is information, with its findings one click from a fix', () => {
    const done = endNotice({ ...run, mode: 'audit', state: 'shipped', reason: '7 findings', findings: 7 });
    assert.match(head(done.text), /^Audit done: 7 findings/);
    assert.equal(done.level, 'info');
    assert.deepEqual(done.actions.map((a) => a.label), ['Open Report', 'Fix Findings with Update']);
    const failed = endNotice({ ...run, mode: 'audit', state: 'not_shipped', reason: 'the code map failed' });
    assert.match(head(failed.text), /^Audit could not finish: the code map failed/);
  });

  it('a command that did not start says so first, then the first reason in a sentence, then how many more', () => {
    const n = notStarted('Build', ['roles.ceo: is empty: a role needs a provider and a model', 'factory.limits.budgetUsd: must be more than 0; it is -1.'], 'factory.');
    assert.match(head(n.text), /^Build not started: the setting factory\.roles\.ceo is empty/);
    assert.match(n.text, /\(and 1 more problem; see the Factory output\)$/);
    assert.equal(n.level, 'error');
    const one = notStarted('Audit', ['roles.qc: No API key for OpenAI (role qc, model gpt-5): run "Factory: Set API Key" and choose OpenAI. Nothing was sent.']);
    assert.match(head(one.text), /^Audit not started: no API key for OpenAI/);
  });

  it('neutral notices are information: another run going, an untrusted workspace', () => {
    assert.equal(busyNotice('A Factory run (r1) is already going; one run at a time.').level, 'info');
    const untrusted = untrustedNotice('Build');
    assert.equal(untrusted.level, 'info');
    assert.match(head(untrusted.text), /^Build not run: this workspace is not trusted/);
    assert.deepEqual(untrusted.actions.map((a) => a.command), ['workbench.trust.manage']);
  });
});
