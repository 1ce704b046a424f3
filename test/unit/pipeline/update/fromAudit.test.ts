import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditFindingsEvent } from '../../../../src/core/pipeline/audit/auditFindings';
import { Journal } from '../../../../src/core/pipeline/journal/journal';
import { RunFolder } from '../../../../src/core/pipeline/journal/runFolder';
import { requestFromAudit } from '../../../../src/core/pipeline/update/fromAudit';

describe('UPDATE from an audit: the request made of its findings', () => {
  it('names one issue found by several reviewers once, with every finder and every line they named, the most severe first', () => {
    const root = mkdtempSync(join(tmpdir(), 'factory-from-audit-'));
    try {
      const folder = new RunFolder(root, 'a-1');
      folder.create();
      const j = new Journal(folder.journalFile);
      j.append({ type: 'run', runId: 'a-1', mode: 'audit', request: 'audit of x', version: '0', dir: root, path: '.' });
      j.append(
        auditFindingsEvent([
          { by: 'ceo', severity: 'low', file: 'README.md', line: null, issue: 'no usage example', fix: 'add one', checked: 'ok' },
          { by: 'qc', severity: 'medium', file: 'src/sum.js', line: 5, issue: 'the loop bound skips the last number', fix: 'use <=', checked: 'ok' },
          { by: 'architect', severity: 'high', file: 'src/sum.js', line: 6, issue: 'loop bound skips the last number of the list', fix: 'iterate to length', checked: 'ok' },
        ]),
      );
      j.close();
      const made = requestFromAudit(root, 'a-1');
      assert.ok(made.ok);
      assert.equal(made.findings, 2);
      const lines = made.request.split('\n').filter((l) => /^\d+\. /.test(l));
      assert.equal(lines.length, 2, made.request);
      assert.match(lines[0] ?? '', /^1\. \[high\] src\/sum\.js:5, 6 \(found by qc, architect\): the loop bound skips the last number/);
      assert.match(lines[1] ?? '', /^2\. \[low\] README\.md \(found by ceo\): no usage example/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
