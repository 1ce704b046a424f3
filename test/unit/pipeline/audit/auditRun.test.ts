import assert from 'node:assert/strict';
import { splitCommand } from '../../../../src/core/exec';
import { auditContext } from '../../../../src/core/pipeline/audit/auditContext';
import { auditFindingsOf, recordedFindingsOf } from '../../../../src/core/pipeline/audit/auditFindings';
import { auditPipeline } from '../../../../src/core/pipeline/audit/auditRun';
import type { MemoryLearningStore } from '../../../../src/core/pipeline/learningStore';
import { renderReport } from '../../../../src/core/pipeline/report/writeReport';
import type { RunConsentRequest } from '../../../../src/core/ports';
import { makeHarness, type Harness, type Script } from '../harness';
import { auditReply, BUG, BUGGY_FILES, hashTree, learningReply } from './buggyProject';
import { fakeRecon } from './fakeRecon';

/** Answers each auditor and the learning step; `over` replaces an answer by role. */
function auditors(over: Partial<Record<'ceo' | 'qc' | 'architect' | 'learning', Script>> = {}): Script {
  return (call) => {
    const step = call.context?.step;
    if (step === 'learning') return over.learning ? over.learning(call) : learningReply();
    const role = call.role as 'ceo' | 'qc' | 'architect';
    if (over[role]) return (over[role] as Script)(call);
    return auditReply(70, [BUG]);
  };
}

const allow = { askGate: () => Promise.resolve({ verdict: 'ACCEPT' as const }), askToRun: () => Promise.resolve({ allow: true as const, how: 'allowed by the test' }) };

describe('AUDIT: recon, the project\'s tests, self-audit, external QC, learnings', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  const start = (script: Script, approval: Harness['ctx']['approval'] = allow): Harness => {
    h = makeHarness({ files: BUGGY_FILES, script });
    (h.ctx as { approval: Harness['ctx']['approval'] }).approval = approval;
    // As the runner starts an audit: report.md picks its layout by this event's mode.
    h.journal.append({ type: 'run', runId: h.ctx.runId, mode: 'audit', request: 'audit of project', version: 'test', dir: h.root, path: '.' });
    return h;
  };

  it('gives the audit a workspace with no write at all, by type and at run time', () => {
    h = makeHarness({ files: BUGGY_FILES, script: () => '' });
    const ctx = auditContext(h.ctx);
    assert.equal('write' in ctx.workspace, false);
    assert.deepEqual(Object.keys(ctx.workspace).sort(), ['read', 'root']);
    // @ts-expect-error an audit has no edit port: this line stops compiling if one is ever added
    assert.equal(ctx.workspace.write, undefined);
  });

  it('asks the ceo, then qc and architect, each an audit_report over the recon map and the read files; records one checked findings note; ships', async () => {
    const hh = start(auditors());
    const recon = fakeRecon();
    const end = await auditPipeline(recon)(hh.ctx, splitCommand);
    assert.equal(end.state, 'shipped', end.reason);
    assert.match(end.reason, /audit done: 1 finding \(1 high\), 3 as reported \(the same issue from several reviewers counted once\); scores ceo 70, qc 70, architect 70; the project's tests fail/);
    const asked = hh.gateway.calls.map((c) => `${c.role}:${c.context?.step}:${c.context?.expect}`);
    assert.deepEqual(asked.slice(0, 1), ['ceo:audit:audit_report']);
    assert.deepEqual(asked.slice(1, 3).sort(), ['architect:audit:audit_report', 'qc:audit:audit_report']);
    assert.deepEqual(asked.slice(3), ['ceo:learning:learning']);
    // Recon is computed (not asked), with its cache under .factory/cache.
    assert.equal(recon.calls.length, 1);
    assert.equal(recon.calls[0]?.opts.cacheFile, `${hh.root}/.factory/cache/codemap.json`);
    assert.deepEqual(
      hh.progress.flatMap((e) => (e.kind === 'stage' ? [`${e.stage}${e.detail ? `: ${e.detail}` : ''}`] : [])),
      ['recon', "audit: the project's tests", 'audit: self-audit by the ceo', 'audit: external QC by qc and architect', 'learn'],
    );
    // Every reviewer saw the map, the numbered file and the real test failure.
    for (const c of hh.gateway.calls.slice(0, 3)) {
      assert.match(c.last, /src\/sum\.js\n {2}\(symbols\)/);
      assert.match(c.last, /5\| {3}for \(let i = 0; i < list\.length - 1; i\+\+\) total \+= list\[i\];/);
      assert.match(c.last, /`node --test` → exit code 1/);
      assert.match(c.last, /adds every number/);
    }
    const findingNotes = hh.events().filter((e) => e.type === 'note' && e.topic === 'audit.findings');
    assert.equal(findingNotes.length, 1);
    assert.deepEqual(findingNotes[0]?.type === 'note' && findingNotes[0].data, {
      findings: (['ceo', 'qc', 'architect'] as const).map((by) => ({ by, severity: 'high', file: 'src/sum.js', line: 5, issue: BUG.issue, fix: BUG.fix, checked: 'ok' })),
    });
    assert.equal(recordedFindingsOf(hh.events())?.length, 3);
    // The same bug found by all three is one finding for the report and for an UPDATE.
    assert.deepEqual(auditFindingsOf(hh.events())?.map((f) => [f.foundBy, f.file, f.line]), [[['ceo', 'qc', 'architect'], 'src/sum.js', 5]]);
  });

  it('never changes a project file: blocks in every reply are refused and recorded, the folder is byte-identical', async () => {
    const hh = start(auditors({ ceo: () => auditReply(60, [BUG], true), qc: () => auditReply(60, [BUG], true), architect: () => auditReply(60, [BUG], true), learning: () => learningReply(true) }));
    const before = hashTree(hh.root);
    const end = await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    assert.equal(end.state, 'shipped', end.reason);
    assert.deepEqual(hashTree(hh.root), before);
    const violations = hh.notes('protocol_violation') as Array<Record<string, unknown>>;
    assert.deepEqual(
      violations.map((v) => [v.role, v.step, v.refusedBlocks]).sort(),
      [['architect', 'audit', 2], ['ceo', 'audit', 2], ['ceo', 'learning', 1], ['qc', 'audit', 2]],
    );
    assert.deepEqual(violations[0]?.paths, ['src/sum.js', 'src/new.js']);
    assert.match(String(violations[0]?.why), /AUDIT changes no project file/);
    const report = renderReport(hh.ctx.runId, hh.events());
    assert.match(report, /## Protocol violations/);
    assert.match(report, /- qc at audit: 2 SEARCH\/REPLACE block\(s\) for src\/sum\.js, src\/new\.js: AUDIT changes no project file/);
  });

  it('a repair request of an audit step teaches no edit: SEARCH/REPLACE is named only as refused, and blocks in the first reply are still recorded', async () => {
    // The ceo's first reply is unusable (a score as a word) and carries a block; its repair is fine.
    const hh = start(auditors({ ceo: (call) => (call.context?.repair ? auditReply(70, [BUG]) : `${auditReply(70, [BUG], true).replace('"score":70', '"score":"high"')}`) }));
    const before = hashTree(hh.root);
    const end = await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    assert.equal(end.state, 'shipped', end.reason);
    assert.deepEqual(hashTree(hh.root), before);
    const repair = hh.gateway.calls.find((c) => c.role === 'ceo' && c.context?.repair === 1);
    assert.ok(repair, 'the ceo was asked to repair its report');
    assert.match(repair.last, /\$\.score/);
    // Every sentence that names an edit format says it is refused; none asks for one.
    const sentences = repair.last.split(/(?<=[.:;])\s+/).filter((s) => /SEARCH\/REPLACE|diff|whole file/i.test(s));
    assert.ok(sentences.length > 0, repair.last);
    for (const s of sentences) assert.match(s, /refused|read-only|no edit/i, `a read-only repair must not invite edits: "${s}"`);
    assert.ok(!repair.last.includes('<<<<<<<'), 'no block syntax is taught');
    // The refused block of the first reply is a protocol violation even though a repaired reply replaced it.
    const violations = hh.notes('protocol_violation') as Array<Record<string, unknown>>;
    assert.deepEqual(violations.map((v) => [v.role, v.step, v.refusedBlocks]), [['ceo', 'audit', 2]]);
  });

  it('tells each reviewer which of the files it was shown were cut (only their head), however many: none, one or two', async () => {
    const long = (tag: string): string => Array.from({ length: 3000 }, (_, i) => `${tag} line ${i} of a long file`).join('\n');
    const cases: Array<{ files: Record<string, string>; cut: string[] }> = [
      { files: BUGGY_FILES, cut: [] },
      { files: { ...BUGGY_FILES, 'README.md': long('readme') }, cut: ['README.md'] },
      { files: { ...BUGGY_FILES, 'README.md': long('readme'), 'package.json': JSON.stringify({ name: 'buggy', keywords: long('pkg').split('\n') }, null, 2) }, cut: ['README.md', 'package.json'] },
    ];
    for (const c of cases) {
      h?.close();
      h = makeHarness({ files: c.files, script: auditors() });
      h.journal.append({ type: 'run', runId: h.ctx.runId, mode: 'audit', request: 'audit of project', version: 'test', dir: h.root, path: '.' });
      await auditPipeline(fakeRecon())(h.ctx, splitCommand);
      for (const call of h.gateway.calls.filter((x) => x.context?.step === 'audit')) {
        const told = /The files above were read[^\n]*/.exec(call.last)?.[0] ?? '';
        assert.ok(told, call.last.slice(-2000));
        for (const f of ['README.md', 'package.json', 'src/sum.js']) {
          const cut = c.cut.includes(f);
          assert.equal(new RegExp(`${f.replace('.', '\\.')} \\(cut`).test(told), cut, `${call.role}, ${c.cut.length} cut: ${f} ${cut ? 'is' : 'is not'} cut: ${told}`);
        }
        assert.doesNotMatch(told, /one marked as cut/, 'no count of cut files that may be wrong');
      }
    }
  });

  it('sums the findings up by severity, most severe first, and report.md states the result once', async () => {
    const mixed = [
      { severity: 'low', file: 'src/sum.js', line: 1, issue: 'the function has no doc comment', fix: 'add one' },
      { severity: 'info', file: 'package.json', issue: 'no engines field', fix: 'add one' },
      { severity: 'medium', file: 'test/sum.test.js', line: 3, issue: 'the empty list is never tested', fix: 'test sum([])' },
    ];
    const hh = start(auditors({ qc: () => auditReply(80, mixed) }));
    const end = await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    assert.equal(end.state, 'shipped', end.reason);
    assert.match(end.reason, /^audit done: 4 findings \(1 high, 1 medium, 1 low, 1 info\)/);
    hh.journal.append({ type: 'end', state: end.state, reason: end.reason });
    const report = renderReport(hh.ctx.runId, hh.events());
    const result = /## Result\n\n(.*)/.exec(report)?.[1] ?? '';
    assert.equal((result.match(/audit done/g) ?? []).length, 1, result);
  });

  it('checks each finding against the files: a missing file is no_file, a line past the end no_line, a whole-file finding has line null', async () => {
    const findings = [
      { severity: 'medium', file: 'src/gone.js', line: 3, issue: 'no such file', fix: 'x' },
      { severity: 'low', file: 'src/sum.js', line: 99, issue: 'past the end', fix: 'y' },
      { severity: 'info', file: 'package.json', issue: 'no engines field', fix: 'add one' },
    ];
    const hh = start(auditors({ qc: () => auditReply(80, findings), architect: () => auditReply(90, []) }));
    await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    const qc = (recordedFindingsOf(hh.events()) ?? []).filter((f) => f.by === 'qc');
    assert.deepEqual(qc.map((f) => [f.file, f.line, f.checked]), [['src/gone.js', 3, 'no_file'], ['src/sum.js', 99, 'no_line'], ['package.json', null, 'ok']]);
    const report = renderReport(hh.ctx.runId, hh.events());
    assert.match(report, /src\/gone\.js:3 \(NO SUCH FILE\)/);
    assert.match(report, /src\/sum\.js:99 \(NO SUCH LINE: past the file's end\)/);
    assert.match(report, /### high \(1\)[\s\S]*### medium \(1\)[\s\S]*### low \(1\)[\s\S]*### info \(1\)/);
  });

  it("runs the project's tests only with consent: a no is recorded, nothing runs, the audit goes on", async () => {
    const asked: RunConsentRequest[] = [];
    const hh = start(auditors(), {
      askGate: () => Promise.resolve({ verdict: 'ACCEPT' }),
      askToRun: (r) => {
        asked.push(r);
        return Promise.resolve({ allow: false, why: 'the owner said no' });
      },
    });
    const end = await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    assert.equal(end.state, 'shipped', end.reason);
    assert.deepEqual(asked.map((a) => [a.command, a.cwd]), [['node --test', hh.root]]);
    assert.deepEqual(hh.notes('audit.tests'), [{ state: 'declined', command: 'node --test', why: 'the owner said no' }]);
    assert.ok(!hh.events().some((e) => e.type === 'effect.start' && e.kind === 'command'), 'no command ran');
    assert.match(hh.gateway.calls[0]?.last ?? '', /Not run: the owner said no/);
    assert.match(renderReport(hh.ctx.runId, hh.events()), /`node --test` not run: the owner said no/);
  });

  it('without anyone to ask (no askToRun), does not run the tests; with no test command found, says so', async () => {
    let hh = start(auditors(), { askGate: () => Promise.resolve({ verdict: 'ACCEPT' }) });
    await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    assert.deepEqual(hh.notes('audit.tests'), [{ state: 'declined', command: 'node --test', why: 'nobody could be asked for consent to run them' }]);
    hh.close();
    hh = start(auditors());
    await auditPipeline(fakeRecon({ testCommand: null }))(hh.ctx, splitCommand);
    assert.equal((hh.notes('audit.tests')[0] as { state: string }).state, 'none');
  });

  it('keeps what the ceo learned through the learning port; a learning that fails leaves the audit done', async () => {
    let hh = start(auditors());
    await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    const kept = (hh.ctx.learning as MemoryLearningStore).kept;
    assert.equal(kept.length, 1);
    assert.equal(kept[0]?.learning.traps[0]?.trap, 'off-by-one loop bound');
    assert.match(hh.gateway.calls.find((c) => c.context?.step === 'learning')?.last ?? '', /\[high\] src\/sum\.js:5 \(ceo, qc, architect\): the loop stops before the last element/);
    hh.close();
    hh = start(auditors({ learning: () => 'no block at all' }));
    const end = await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    assert.equal(end.state, 'shipped', end.reason);
    assert.equal(hh.notes('learning.failed').length, 1);
    assert.match(renderReport(hh.ctx.runId, hh.events()), /## Learned\n\nNothing was stored/);
  });

  it('a reviewer whose report cannot be used ends the audit not shipped, keeping the others\' findings', async () => {
    const hh = start(auditors({ architect: () => 'I looked and it is fine.' }));
    const end = await auditPipeline(fakeRecon())(hh.ctx, splitCommand);
    assert.equal(end.state, 'not_shipped');
    assert.match(end.reason, /the audit could not finish: the architect's audit report could not be used/);
    assert.deepEqual((recordedFindingsOf(hh.events()) ?? []).map((f) => f.by), ['ceo', 'qc']);
  });
});
