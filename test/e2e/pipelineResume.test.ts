// Runs that stop — kill -9, Ctrl-C, the budget — and `factory resume`, through the built CLI against the
// fake server: no answered call is asked again, no step is done twice, the run ends as an unbroken one would.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioReply } from './pipelineScenario';
import { answeredByContext, effectsDoneTwice, endOf, notes, until, usePipelineSandbox } from './pipelineSandbox';

const REQUEST = 'a slugify library with tests';

describe('factory build, stopped and resumed (built CLI, fake models)', function () {
  this.timeout(120000);
  const s = usePipelineSandbox();

  /** The journal's file once the run has written it, else ''. */
  const journalText = (): string => {
    try {
      return readFileSync(s.runFile('journal.jsonl'), 'utf8');
    } catch {
      return '';
    }
  };

  /** A resume that ended the run as an unbroken run would: shipped, exit 0, no step done twice. Returns the journal. */
  const shippedOnce = (resumed: { code: number | null; stdout: string; stderr: string }) => {
    const events = s.journal();
    const end = endOf(events);
    assert.ok(end, resumed.stdout + resumed.stderr);
    assert.equal(end.state, 'shipped', end.reason);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(effectsDoneTwice(events), []);
    return events;
  };

  it('kill -9 while the twin is being asked; resume asks only that call again and the run goes on', async () => {
    // The first gate request is held open forever: the process is killed while waiting for it.
    s.script({ match: { role: 'twin', step: 'gate' }, reply: { hang: true }, times: 1 });
    const config = s.config();
    const first = s.start(['build', REQUEST, '--config', config]);
    await until(() => s.fake.requests().some((q) => q.dac?.step === 'gate'), 'the gate request');
    await until(() => journalText().includes('"key":"call:gate:g1"'), 'the gate call journalled as started');
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    const runId = s.runId();
    const before = new Map(s.requestsByContext());
    assert.equal(endOf(s.journal()), undefined, 'a killed run has no end');

    const resumed = await s.run(['resume', runId, '--config', config], {}, 80000);
    const events = shippedOnce(resumed);
    assert.ok(events.some((e) => e.type === 'resumed'));
    // Every request answered before the kill was not sent again; the held one was sent once more.
    const after = s.requestsByContext();
    for (const [line, n] of before) {
      const expected = line.includes('step=gate') ? n + 1 : n;
      assert.equal(after.get(line), expected, `${line}: ${after.get(line)} requests, expected ${expected}`);
    }
    assert.deepEqual(notes(events, 'gate').map((n) => (n.data as { verdict: string }).verdict), ['ACCEPT']);
    assert.match(resumed.stdout, /answer reused from the journal/);
  });

  it('kill -9 in the middle of a wave; resume completes it: each patch applied once, no answered call asked again', async () => {
    // T2's implementation is held: T1 goes on beside it, then the process is killed.
    s.script({ match: { role: 'ceo', step: 'implementation', task: 'T2' }, reply: { hang: true }, times: 1 });
    const config = s.config();
    const first = s.start(['build', REQUEST, '--config', config]);
    await until(() => s.fake.requests().some((q) => q.dac?.step === 'implementation' && q.dac.task === 'T2'), 'T2 implementation request');
    await until(() => journalText().includes('"key":"patch:T2:tests:a1","kind":"patch","result"'), 'T2 tests patch done');
    first.child.kill('SIGKILL');
    await first.done;
    const runId = s.runId();
    const before = new Map(s.requestsByContext());
    // T1 runs on beside the held T2, so a call of T1's may be answered by the fake and not yet
    // journalled when the kill lands: resume asks those again, and only those (T2's held one is one).
    const answered = answeredByContext(s.journal());
    const resumed = await s.run(['resume', runId, '--config', config], {}, 80000);
    const events = shippedOnce(resumed);
    const after = s.requestsByContext();
    for (const [line, n] of before) {
      const inFlight = n - (answered.get(line) ?? 0);
      if (line.includes('step=implementation') && line.includes('task=T2')) assert.equal(inFlight, 1, 'the held call was in flight');
      assert.equal(after.get(line), n + inFlight, line);
    }
    // Each file holds its blocks once: the test files are exactly what the scenario's blocks create.
    for (const [task, file] of [['T1', 'test/slugify.test.js'], ['T2', 'test/deburr.test.js'], ['T3', 'test/index.test.js']] as const) {
      const block = /=======\n([\s\S]*?)>>>>>>> REPLACE/.exec(scenarioReply(`${task}.tests`))?.[1];
      assert.equal(readFileSync(join(s.ws, file), 'utf8'), block, file);
    }
    const patches = events.filter((e) => e.type === 'effect.done' && e.kind === 'patch').map((e) => (e.type === 'effect.done' ? e.key : ''));
    assert.equal(patches.filter((k) => k === 'patch:T2:tests:a1').length, 1);
  });

  it('Ctrl-C stops the run resumably (exit 1, says how to resume); resume completes it', async () => {
    s.script({ match: { role: 'architect', step: 'review' }, reply: { hang: true }, times: 1 });
    const config = s.config();
    const first = s.start(['build', REQUEST, '--config', config]);
    await until(() => s.fake.requests().some((q) => q.dac?.role === 'architect'), 'the architect review request');
    first.child.kill('SIGINT');
    const stopped = await first.done;
    assert.equal(stopped.code, 1, first.output());
    const runId = s.runId();
    assert.match(stopped.stdout, /Ctrl-C: stopping the run/);
    assert.match(stopped.stdout, /STOPPED \(resumable\)/);
    assert.match(stopped.stdout, new RegExp(`resume: factory resume ${runId} --config `));
    const end = endOf(s.journal());
    assert.equal(end?.state, 'stopped');
    assert.match(end?.reason ?? '', /cancelled/);
    assert.match(readFileSync(s.runFile('report.md'), 'utf8'), /stopped/);

    const resumed = await s.run(['resume', runId, '--config', config], {}, 80000);
    shippedOnce(resumed);
    const byContext = [...s.requestsByContext()];
    // ceo's blueprint was answered before Ctrl-C: asked once in all.
    assert.deepEqual(byContext.filter(([l]) => l.includes('step=blueprint')).map(([, n]) => n), [1]);
  });

  it('a run stopped by its budget resumes with a higher budget and is not charged again for what it had', async () => {
    s.script();
    // Each scripted answer costs $0.0028, and a call reserves its estimate while in flight (its prompt
    // and 8192 output tokens, about $0.017 here): $0.02 lets the blueprint go, and then neither review
    // can reserve on top of what the blueprint cost, so the run stops before asking them.
    const low = s.config({ limits: { budgetUsd: 0.02 } }, 'low');
    const stopped = await s.run(['build', REQUEST, '--config', low]);
    assert.equal(stopped.code, 1, stopped.stderr);
    const runId = s.runId();
    const end = endOf(s.journal());
    assert.equal(end?.state, 'stopped');
    assert.match(end?.reason ?? '', /The budget was reached/);
    assert.match(end?.reason ?? '', /\$0\.0028 spent/);
    assert.match(stopped.stdout, /STOPPED \(resumable\)/);
    assert.match(stopped.stdout, /cost: {3}\$0\.0028 \(1 model call answered\)/);
    const asked = s.fake.requests().length;
    assert.equal(asked, 1);

    // The same low budget: still stopped, nothing sent.
    const again = await s.run(['resume', runId, '--config', low]);
    assert.equal(again.code, 1);
    assert.equal(endOf(s.journal())?.state, 'stopped');
    assert.equal(s.fake.requests().length, asked, 'no request under a budget already reached');

    const high = s.config({ limits: { budgetUsd: 1 } }, 'high');
    const resumed = await s.run(['resume', runId, '--config', high], {}, 80000);
    shippedOnce(resumed);
    assert.equal(s.fake.requests().filter((q) => q.dac?.step === 'blueprint').length, 1);
  });

  it('resume refuses a run that does not exist, or that already ended (exit 2)', async () => {
    s.script({ match: { role: 'twin', step: 'gate' }, reply: '```dac\n{"dac":1,"kind":"decision","verdict":"REJECT","reasons":["no"],"changes":[]}\n```' });
    const config = s.config();
    const missing = await s.run(['resume', 'nope-123', '--config', config]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /there is no run nope-123 in .* \(see `factory runs`\)/);
    const done = await s.run(['build', REQUEST, '--config', config]);
    assert.equal(done.code, 1);
    const again = await s.run(['resume', s.runId(), '--config', config]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already ended \(not shipped: the twin rejected/);
  });
});
