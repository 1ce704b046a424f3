import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRun } from '../../../src/core/pipeline/createRun';
import { draftBlueprint } from '../../../src/core/pipeline/stages/draftBlueprint';
import { gateBlueprint } from '../../../src/core/pipeline/stages/gateBlueprint';
import { reviewBlueprint } from '../../../src/core/pipeline/stages/reviewBlueprint';
import { renderReport } from '../../../src/core/pipeline/report/writeReport';
import type { SplitResult } from '../../../src/core/exec';
import type { DacContext } from '../../../src/core/protocol';
import { DAC_EXAMPLES, reply } from '../protocol/examples';
import { scriptedRun, testConfig, type ScriptedRun } from './scriptedRun';

/** Words split on spaces; a `|` needs a shell (enough for these tests; exec has the real parser). */
const split = (line: string): SplitResult => (line.includes('|') ? { ok: false, reason: '`|` needs a shell' } : { ok: true, argv: line.split(/\s+/).filter(Boolean) });

const BLUEPRINT = DAC_EXAMPLES.blueprint;
const blueprintReply = (over: Record<string, unknown> = {}) => reply({ ...BLUEPRINT, ...over }, 'A small library, one task.');
const review = (score: number, blocks = '') => `${reply({ dac: 1, kind: 'review', score, findings: score < 95 ? [{ severity: 'high', where: 'tasks.T1.acceptance', issue: 'no empty-string case', fix: 'add AC' }] : [] })}\n${blocks}`;
const decision = (verdict: string, extra: Record<string, unknown> = {}) => reply({ dac: 1, kind: 'decision', verdict, reasons: ['as asked'], changes: [], ...extra });

const addEmptyCase = [
  'blueprint.md',
  '<<<<<<< SEARCH',
  '        "trims dashes"',
  '=======',
  '        "trims dashes",',
  '        "returns an empty string for an empty string"',
  '>>>>>>> REPLACE',
].join('\n');

describe('pipeline: blueprint, review and gate', () => {
  let run: ScriptedRun | undefined;
  afterEach(() => run?.cleanup());

  const on = (c: DacContext | undefined) => `${c?.role}:${c?.step}${c?.repair ? `#${c.repair}` : ''}`;

  it('writes blueprint.md: the prose, then the dac block one field per line', async () => {
    run = scriptedRun(() => blueprintReply());
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const doc = readFileSync(run.ctx.folder.blueprintFile, 'utf8');
    assert.match(doc, /^# slugify library\n\nA small library, one task\.\n\n```dac\n\{\n {2}"dac": 1,/);
    assert.match(doc, /\n {8}"trims dashes"\n/);
  });

  it('sends a blueprint with a task without tests and a piped command back to the ceo, with the issues', async () => {
    const bad = { ...BLUEPRINT, tasks: [{ ...(BLUEPRINT.tasks as object[])[0], tests: [] }], core: { ...(BLUEPRINT.core as object), commands: { test: 'node --test | tee log', test_files: 'node --test {files}', build: null, start: null } } };
    run = scriptedRun((c) => (c?.repair ? blueprintReply() : reply(bad)));
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    assert.deepEqual(
      run.gateway.calls.map((c) => on(c.context)),
      ['ceo:blueprint', 'ceo:blueprint#1'],
    );
    const repairText = JSON.stringify(run.gateway.calls[1]?.request.messages.at(-1));
    assert.match(repairText, /\$\.tasks\[0\]\.tests/);
    assert.match(repairText, /\$\.core\.commands\.test/);
  });

  it('stops after limits.repairs when the blueprint stays invalid, saying why', async () => {
    run = scriptedRun(() => 'no block at all', testConfig({ limits: { repairs: 1 } }));
    const d = await draftBlueprint(run.ctx, split);
    assert.equal(d.ok, false);
    assert.equal(run.gateway.calls.length, 2);
    assert.match(d.ok ? '' : d.reason, /after 1 repair/);
  });

  it('applies the reviewers\' patches to blueprint.md and runs another round until both reach the target', async () => {
    run = scriptedRun((c) => {
      if (c?.step === 'blueprint') return blueprintReply();
      if (c?.role === 'qc') return run!.gateway.calls.filter((x) => x.context?.role === 'qc').length === 1 ? review(80, addEmptyCase) : review(96);
      return review(97);
    });
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const r = await reviewBlueprint(run.ctx, split, d, 1);
    assert.ok(r.ok);
    assert.deepEqual(
      r.rounds.map((x) => [x.round, x.scores.qc, x.scores.architect]),
      [
        [1, 80, 97],
        [2, 96, 97],
      ],
    );
    assert.deepEqual((r.blueprint.tasks[0]?.acceptance ?? []).slice(-1), ['returns an empty string for an empty string']);
    assert.match(readFileSync(run.ctx.folder.blueprintFile, 'utf8'), /returns an empty string for an empty string/);
    // Both reviewers of a round are asked before either answer is used: the second round saw the patched blueprint.
    const second = run.gateway.calls.filter((c) => c.context?.step === 'review')[2];
    assert.match(JSON.stringify(second?.request), /returns an empty string for an empty string/);
  });

  it("report.md's learnings section shows the accepted blueprint's `applied` and DNA check, not the first draft's", async () => {
    // A relay run: qc patched an `applied` entry in review; the report still quoted the draft's.
    const drafted = blueprintReply({ domains: ['text'], applied: [{ pitfall: 'accents dropped', how: 'first draft wording' }] });
    const patchHow = ['blueprint.md', '<<<<<<< SEARCH', '      "how": "first draft wording"', '=======', '      "how": "T1 acceptance folds accents"', '>>>>>>> REPLACE'].join('\n');
    run = scriptedRun((c) => {
      if (c?.step === 'blueprint') return drafted;
      if (c?.step === 'gate') return decision('ACCEPT');
      if (c?.role === 'qc') return run!.gateway.calls.filter((x) => x.context?.role === 'qc').length === 1 ? review(90, patchHow) : review(96);
      return review(97);
    });
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const r = await reviewBlueprint(run.ctx, split, d, 1);
    assert.ok(r.ok);
    const g = await gateBlueprint(run.ctx, r.blueprint, r.doc, 1, r.rounds.at(-1));
    assert.ok(g.ok && g.answer.verdict === 'ACCEPT');
    const report = renderReport(run.ctx.runId, run.ctx.journal.all());
    assert.match(report, /- pitfall: accents dropped → T1 acceptance folds accents/);
    assert.doesNotMatch(report, /first draft wording/);
  });

  it('sends blocks that no longer fit (the other reviewer changed those lines first) back to their reviewer, with the blueprint as it now is', async () => {
    const archEdit = addEmptyCase.replace('returns an empty string for an empty string', 'keeps digits');
    const archOnPatched = ['blueprint.md', '<<<<<<< SEARCH', '        "returns an empty string for an empty string"', '=======', '        "returns an empty string for an empty string",', '        "keeps digits"', '>>>>>>> REPLACE'].join('\n');
    run = scriptedRun((c) => {
      if (c?.step === 'blueprint') return blueprintReply();
      if (c?.role === 'qc') return review(96, addEmptyCase);
      // First the same line qc changes; asked again, a block against the blueprint as it now is.
      return run!.gateway.calls.filter((x) => x.context?.role === 'architect').length === 1 ? review(96, archEdit) : review(97, archOnPatched);
    });
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const r = await reviewBlueprint(run.ctx, split, d, 1);
    assert.ok(r.ok);
    assert.deepEqual(r.rounds.map((x) => [x.scores.qc, x.scores.architect]), [[96, 97]]);
    assert.deepEqual((r.blueprint.tasks[0]?.acceptance ?? []).slice(-2), ['returns an empty string for an empty string', 'keeps digits']);
    const retry = run.gateway.calls[3];
    assert.equal(retry?.context?.role, 'architect');
    assert.match(JSON.stringify(retry?.request), /did not apply to blueprint\.md as it now is/);
    assert.match(JSON.stringify(retry?.request), /returns an empty string for an empty string/, 'the retry shows the blueprint with qc\'s change');
  });

  it('does not count the score of a reviewer whose blocks still do not apply: the round does not pass', async () => {
    const stale = ['blueprint.md', '<<<<<<< SEARCH', '        "no such line in the blueprint"', '=======', '        "x"', '>>>>>>> REPLACE'].join('\n');
    run = scriptedRun((c) => (c?.step === 'blueprint' ? blueprintReply() : c?.role === 'qc' ? review(99, stale) : review(99)), testConfig({ limits: { reviewRounds: 1 } }));
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const r = await reviewBlueprint(run.ctx, split, d, 1);
    assert.equal(r.ok, false);
    assert.equal(run.gateway.calls.filter((c) => c.context?.role === 'qc').length, 2);
    assert.match(r.ok ? '' : r.reason, /not counted, because their blocks did not apply: qc/);
  });

  it('stops when a reviewer never reaches the target, with the scores and the open findings', async () => {
    run = scriptedRun((c) => (c?.step === 'blueprint' ? blueprintReply() : c?.role === 'qc' ? review(70) : review(99)), testConfig({ limits: { reviewRounds: 2 } }));
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const r = await reviewBlueprint(run.ctx, split, d, 1);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /did not reach the review target 95 in 2 rounds \(last scores: qc 70, architect 99\)/);
    assert.match(r.ok ? '' : r.reason, /qc \[high\] tasks\.T1\.acceptance: no empty-string case/);
    // Each round's note names the target it was judged against, so blueprint.md's CodeLens shows it as the run saw it.
    const rounds = run.journal.all().flatMap((e) => (e.type === 'note' && e.topic === 'review' ? [e.data as { round: number; target?: number }] : []));
    assert.deepEqual(rounds.map((n) => [n.round, n.target]), [[1, 95], [2, 95]]);
  });

  it('refuses a review block for any file but blueprint.md', async () => {
    const outside = 'src/evil.js\n<<<<<<< SEARCH\n=======\nmalware()\n>>>>>>> REPLACE';
    run = scriptedRun((c) => (c?.step === 'blueprint' ? blueprintReply() : review(99, outside)));
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const r = await reviewBlueprint(run.ctx, split, d, 1);
    assert.ok(r.ok);
    assert.throws(() => readFileSync(`${run!.root}/src/evil.js`));
    const note = run.journal.all().find((e) => e.type === 'note' && e.topic === 'review');
    assert.match(JSON.stringify(note), /may change only blueprint\.md/);
  });

  it('sends a blueprint the reviewers broke to the ceo to fix', async () => {
    const breakIt = 'blueprint.md\n<<<<<<< SEARCH\n  "dac": 1,\n=======\n  "dac": 1,,\n>>>>>>> REPLACE';
    run = scriptedRun((c) => {
      if (c?.step === 'blueprint') return blueprintReply({ title: c.task === undefined && run!.gateway.calls.length > 1 ? 'slugify library (fixed)' : 'slugify library' });
      return c?.role === 'qc' ? review(99, breakIt) : review(99);
    });
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const r = await reviewBlueprint(run.ctx, split, d, 1);
    assert.ok(r.ok);
    assert.equal(r.blueprint.title, 'slugify library (fixed)');
    assert.ok(run.journal.all().some((e) => e.type === 'note' && e.topic === 'blueprint.invalid'));
  });

  it('refuses the blocks of a twin reply and records a protocol violation; nothing is written', async () => {
    const sneaky = `${decision('ACCEPT')}\nsrc/slugify.js\n<<<<<<< SEARCH\n=======\nexport const x = 1;\n>>>>>>> REPLACE\n`;
    run = scriptedRun((c) => (c?.step === 'blueprint' ? blueprintReply() : sneaky));
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    const g = await gateBlueprint(run.ctx, d.blueprint, d.doc, 1, undefined);
    assert.ok(g.ok);
    assert.equal(g.answer.verdict, 'ACCEPT');
    assert.throws(() => readFileSync(`${run!.root}/src/slugify.js`));
    assert.ok(run.journal.all().some((e) => e.type === 'note' && e.topic === 'protocol_violation'));
  });

  it('asks a person at a human gate, once: a resumed run reuses the answer', async () => {
    run = scriptedRun(() => blueprintReply(), testConfig({ gate: 'human' }), { gate: [{ verdict: 'ACCEPT' }] });
    const d = await draftBlueprint(run.ctx, split);
    assert.ok(d.ok);
    assert.deepEqual(await gateBlueprint(run.ctx, d.blueprint, d.doc, 1, undefined), { ok: true, answer: { verdict: 'ACCEPT' }, by: 'human' });
    const again = run.reopen();
    run = again;
    // The reopened run has no scripted answers left: only the journal can give ACCEPT.
    const g = await gateBlueprint(again.ctx, d.blueprint, d.doc, 1, undefined);
    assert.ok(g.ok && g.answer.verdict === 'ACCEPT');
  });

  describe('createRun up to the gate', () => {
    it('goes back to review on CHANGE, with the changes shown to the reviewers, then builds after ACCEPT', async () => {
      let gates = 0;
      run = scriptedRun((c) => {
        if (c?.step === 'blueprint') return blueprintReply();
        if (c?.step === 'review') return review(99);
        if (c?.step !== 'gate') return reply({ dac: 1, kind: 'task_result', task: c?.task ?? 'T1', phase: 'tests', files: [], notes: '' });
        gates++;
        return gates === 1 ? decision('CHANGE', { changes: ['use kebab-case names only'] }) : decision('ACCEPT');
      });
      // Past the gate the waves stage runs commands, which this test does not have: it stops there.
      await assert.rejects(createRun(run.ctx, split), /no commands in this test/);
      assert.equal(gates, 2);
      const reviewsAfterChange = run.gateway.calls.filter((c) => c.context?.step === 'review').slice(2);
      assert.equal(reviewsAfterChange.length, 2);
      assert.ok(reviewsAfterChange.every((c) => JSON.stringify(c.request).includes('use kebab-case names only')));
      // The waves stage decides the rest: it is past the gate.
      assert.ok(run.progress.some((p) => p.kind === 'stage' && p.stage === 'waves'));
    });

    it('ends not shipped on REJECT, with the twin\'s reasons, and builds nothing', async () => {
      run = scriptedRun((c) => (c?.step === 'blueprint' ? blueprintReply() : c?.step === 'review' ? review(99) : decision('REJECT', { reasons: ['the owner wants Python'] })));
      const end = await createRun(run.ctx, split);
      assert.deepEqual(end, { state: 'not_shipped', reason: 'the twin rejected the blueprint: the owner wants Python' });
      assert.ok(!run.progress.some((p) => p.kind === 'stage' && p.stage === 'waves'));
    });

    it('asks no answered call again when the same run is replayed from its journal', async () => {
      const script = (c: DacContext | undefined) => (c?.step === 'blueprint' ? blueprintReply() : c?.step === 'review' ? review(99) : decision('REJECT', { reasons: ['no'] }));
      run = scriptedRun(script);
      await createRun(run.ctx, split);
      const asked = run.gateway.calls.length;
      assert.equal(asked, 4);
      const again = run.reopen(() => new Error('a replayed run must not call the model'));
      run = again;
      const end = await createRun(again.ctx, split);
      assert.equal(end.state, 'not_shipped');
      assert.equal(again.gateway.calls.length, 0);
      assert.equal(again.ctx.effects.replayed, 4);
    });
  });
});
