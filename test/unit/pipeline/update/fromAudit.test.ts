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
          { by: 'qc', severity: 'medium', file: 'src/config/resolve.ts', line: 94, issue: 'selfReviewProblems compares baseUrl as raw text, so a trailing slash makes one endpoint two and a model may review its own work', fix: 'normalise URLs', checked: 'ok' },
          { by: 'architect', severity: 'medium', file: 'src/providers/gateway.ts', line: 120, issue: 'The self-review guard compares baseUrl strings as raw text: a trailing slash lets a model review its own work', fix: 'compare parsed URLs', checked: 'ok' },
        ]),
      );
      j.close();
      const made = requestFromAudit(root, 'a-1');
      assert.ok(made.ok);
      assert.equal(made.findings, 3);
      const lines = made.request.split('\n').filter((l) => /^\d+\. /.test(l));
      assert.equal(lines.length, 3, made.request);
      assert.match(lines[0] ?? '', /^1\. \[high\] src\/sum\.js:5, 6 \(found by qc, architect\): the loop bound skips the last number/);
      // One issue at two places of two files: both places, each with its finder.
      assert.match(lines[1] ?? '', /^2\. \[medium\] src\/config\/resolve\.ts:94 \(qc\); src\/providers\/gateway\.ts:120 \(architect\) \(found by qc, architect\): selfReviewProblems compares/);
      assert.match(lines[2] ?? '', /^3\. \[low\] README\.md \(found by ceo\): no usage example/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
