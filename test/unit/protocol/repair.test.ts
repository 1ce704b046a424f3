import assert from 'node:assert/strict';
import type { DacContext } from '../../../src/core/protocol/dacContext';
import { parseReply } from '../../../src/core/protocol/parseReply';
import { obtainValidReply, planRepair, spliceDacBlock, type RepairRequest } from '../../../src/core/protocol/repair';
import { DAC_EXAMPLES, reply } from './examples';

const context: DacContext & { expect: 'review' } = { run: 'r1', role: 'qc', step: 'review', expect: 'review' };
const bad = reply({ dac: 1, kind: 'review', score: 'high' });
const good = reply(DAC_EXAMPLES.review);

function issuesOf(text: string) {
  const r = parseReply(text, 'review');
  assert.ok(!r.ok);
  return r.issues;
}

describe('DaC repair', () => {
  it('asks the same model again with the exact issues and the repair number', () => {
    const plan = planRepair({ reply: bad, issues: issuesOf(bad), context, attempt: 1, maxRepairs: 2, to: 'same', access: 'edits' });
    assert.ok(plan.ok);
    const lines = plan.request.prompt.split('\n');
    assert.equal(lines[0], 'DaC-Context: run=r1 role=qc step=review expect=review task=- repair=1');
    assert.match(plan.request.prompt, /- \$\.score: expected an integer score from 0 to 100; got the string "high"/);
    assert.match(plan.request.prompt, /repair 1 of at most 2/);
    assert.match(plan.request.prompt, /"kind": "review"/);
    assert.deepEqual(plan.request.context, { ...context, repair: 1 });
  });

  it('asks for the SEARCH/REPLACE blocks again only where the step may edit; a read-only step is told blocks are refused', () => {
    const edits = planRepair({ reply: bad, issues: issuesOf(bad), context, attempt: 1, maxRepairs: 2, to: 'same', access: 'edits' });
    const readOnly = planRepair({ reply: bad, issues: issuesOf(bad), context, attempt: 1, maxRepairs: 2, to: 'same', access: 'read-only' });
    assert.ok(edits.ok && readOnly.ok);
    assert.match(edits.request.prompt, /SEARCH\/REPLACE blocks the step needs/);
    const naming = readOnly.request.prompt.split(/(?<=[.:;])\s+/).filter((s) => /SEARCH\/REPLACE|diff|whole file/i.test(s));
    assert.ok(naming.length > 0, 'the read-only repair says what happens to a block');
    for (const s of naming) assert.match(s, /refused/, `a read-only repair must not invite edits: "${s}"`);
  });

  it('gives the assistant the reply, the issues and the JSON Schema of the kind', () => {
    const plan = planRepair({ reply: bad, issues: issuesOf(bad), context, attempt: 2, maxRepairs: 2, to: 'assistant', access: 'edits' });
    assert.ok(plan.ok);
    assert.equal(plan.request.prompt.split('\n')[0], 'DaC-Context: run=r1 role=assistant step=review expect=review task=- repair=2');
    assert.ok(plan.request.prompt.includes(bad));
    assert.match(plan.request.prompt, /"score":/);
    assert.match(plan.request.prompt, /"required"/);
  });

  it('stops after limits.repairs with the issues', () => {
    const plan = planRepair({ reply: bad, issues: issuesOf(bad), context, attempt: 3, maxRepairs: 2, to: 'same', access: 'edits' });
    assert.ok(!plan.ok);
    assert.match(plan.message, /still has no valid `dac` block \(kind review\) after 2 repairs/);
    assert.match(plan.message, /\$\.score/);
    assert.equal(planRepair({ reply: bad, issues: issuesOf(bad), context, attempt: 1, maxRepairs: 0, to: 'same', access: 'edits' }).ok, false);
  });

  it('loops until the reply is valid, within the limit', async () => {
    const sent: RepairRequest[] = [];
    const answers = [bad, good];
    const r = await obtainValidReply({
      reply: bad,
      context,
      maxRepairs: 2,
      to: 'same', access: 'edits',
      send: async (req) => {
        sent.push(req);
        return answers.shift() ?? '';
      },
    });
    assert.ok(r.ok);
    assert.equal(r.repairs, 2);
    assert.equal(r.message.score, 82);
    assert.deepEqual(
      sent.map((s) => s.context.repair),
      [1, 2],
    );
  });

  it('gives up after the limit without asking again', async () => {
    let asked = 0;
    const r = await obtainValidReply({
      reply: bad,
      context,
      maxRepairs: 2,
      to: 'same', access: 'edits',
      send: async () => {
        asked++;
        return bad;
      },
    });
    assert.equal(asked, 2);
    assert.ok(!r.ok);
    assert.equal(r.repairs, 2);
    assert.equal(r.problem, 'schema');
  });

  it("splices the assistant's block into the original reply, keeping its SEARCH/REPLACE blocks", async () => {
    const patch = 'src/a.js\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n';
    const original = `${bad}\n${patch}`;
    const r = await obtainValidReply({ reply: original, context, maxRepairs: 1, to: 'assistant', access: 'edits', send: async () => `Fixed:\n${good}` });
    assert.ok(r.ok);
    assert.ok(r.reply.includes(patch));
    assert.ok(r.reply.startsWith('Here it is.'));
    assert.equal(spliceDacBlock(original, 'no block at all'), undefined);
    assert.match(spliceDacBlock('just prose', good) ?? '', /^just prose\n\n```dac\n/);
  });

  it('keeps the SEARCH/REPLACE blocks that follow a dac block the model never closed', () => {
    const patch = 'src/a.js\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n';
    const spliced = spliceDacBlock(`Intro.\n\n\`\`\`dac\n{"dac": 1, "kind": "review"\n\n${patch}`, good) ?? '';
    assert.ok(spliced.includes(patch), spliced);
    assert.match(spliced, /^Intro\.\n\n```dac\n/);
  });
});
