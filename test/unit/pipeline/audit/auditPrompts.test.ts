import { basename } from 'node:path';
import { splitCommand } from '../../../../src/core/exec';
import { auditPipeline } from '../../../../src/core/pipeline/audit/auditRun';
import { auditContextText } from '../../../../src/core/pipeline/audit/auditRequest';
import type { Recon } from '../../../../src/core/codemap/recon';
import { matchesSnapshot } from '../../../support/promptSnapshot';
import { makeHarness, type Harness } from '../harness';
import { auditReply, BUG, BUGGY_FILES, learningReply } from './buggyProject';
import { fakeRecon } from './fakeRecon';

describe('AUDIT prompts (snapshots with realistic slots)', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('audit.context for qc: recon, the test run, the map, the shared files, then the files of its angle; what nobody read', async () => {
    const files: Record<string, string> = { 'src/sum.js': BUGGY_FILES['src/sum.js'] as string, 'test/sum.test.js': BUGGY_FILES['test/sum.test.js'] as string };
    const workspace = { root: '/work/sums', read: async (p: string) => (files[p] === undefined ? { kind: 'missing' as const } : { kind: 'text' as const, text: files[p] as string }) };
    const recon: Recon = {
      root: '/work/sums',
      files: [
        { path: 'src/sum.js', language: 'javascript', bytes: 180, lines: 8, test: false },
        { path: 'test/sum.test.js', language: 'javascript', bytes: 160, lines: 4, test: true },
      ],
      languages: { javascript: 2 },
      testFiles: ['test/sum.test.js'],
      testCommand: 'npm test',
      entryPoints: ['src/sum.js'],
      map: 'src/sum.js\n  function sum(list)',
      mapped: ['src/sum.js'],
      omitted: [],
    };
    const sample = {
      read: [
        { path: 'src/sum.js', lines: 8, chars: 300 },
        { path: 'test/sum.test.js', lines: 4, chars: 200 },
      ],
      shared: ['src/sum.js'],
      byRole: { ceo: [], qc: ['test/sum.test.js'], architect: [] },
      notRead: [{ path: 'README.md', why: 'budget' as const }],
      entryPoints: [{ declared: 'dist/sum.js', source: 'src/sum.js' }],
      budgetChars: 600,
    };
    const tests = { state: 'ran' as const, command: 'npm test', argv: ['npm', 'test'], exitCode: 1, durationMs: 1200, timedOut: false, digest: 'not ok 1 - adds every number\n  3 !== 6\n# fail 1', consent: 'allowed' };
    matchesSnapshot('audit.context', await auditContextText(workspace, recon, sample, tests, 'qc'));
  });

  it('step.audit for each reviewer and audit.learning, as the scripted models received them', async () => {
    h = makeHarness({ files: BUGGY_FILES, script: (c) => (c.context?.step === 'learning' ? learningReply() : auditReply(70, [BUG])) });
    (h.ctx as { approval: Harness['ctx']['approval'] }).approval = { askGate: () => Promise.resolve({ verdict: 'ACCEPT' }), askToRun: () => Promise.resolve({ allow: false, why: 'declined in the test' }) };
    await auditPipeline(fakeRecon())(h.ctx, splitCommand);
    const fresh = (role: string, step: string): string => {
      const last = h?.gateway.calls.find((c) => c.role === role && c.context?.step === step)?.last ?? '';
      return last.slice(last.indexOf('DaC-Context:')).split(basename(h?.root ?? '')).join('<folder>');
    };
    matchesSnapshot('step.audit', ['ceo', 'qc', 'architect'].map((r) => fresh(r, 'audit')).join('\n\n=====\n\n'));
    matchesSnapshot('audit.learning', fresh('ceo', 'learning'));
  });
});
