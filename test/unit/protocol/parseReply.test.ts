import assert from 'node:assert/strict';
import { DacReplyError, formatIssues } from '../../../src/core/protocol/issues';
import { parseReply, requireDac } from '../../../src/core/protocol/parseReply';
import { DAC_EXAMPLES, reply } from './examples';

const review = DAC_EXAMPLES.review;

describe('parseReply', () => {
  it('finds the one dac block among prose and SEARCH/REPLACE blocks', () => {
    const text = `${reply(review)}\nsrc/a.js\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n`;
    const r = parseReply(text, 'review');
    assert.ok(r.ok);
    assert.equal(r.message.score, 82);
    assert.deepEqual(r.block, { openLine: 3, closeLine: 17 });
  });

  it('accepts tilde fences, longer fences, an indented fence and DAC in capitals', () => {
    const json = JSON.stringify(review);
    for (const text of [`~~~dac\n${json}\n~~~`, `\`\`\`\`dac\n${json}\n\`\`\`\``, `  \`\`\`dac\n${json}\n  \`\`\``, `\`\`\`DAC\n${json}\n\`\`\``, `\`\`\`dac\r\n${json}\r\n\`\`\`\r\n`]) {
      assert.ok(parseReply(text, 'review').ok, text);
    }
  });

  it('refuses a reply without a dac block, and hints at an untagged one', () => {
    const r = parseReply('```json\n{"dac": 1, "kind": "review"}\n```', 'review');
    assert.ok(!r.ok);
    assert.equal(r.problem, 'no_block');
    assert.match(formatIssues(r.issues), /fence is not tagged dac/);
  });

  it('refuses two dac blocks, naming their lines', () => {
    const r = parseReply(`${reply(review)}${reply(review)}`);
    assert.ok(!r.ok && r.problem === 'several_blocks');
    assert.match(r.issues[0].got, /2 ```dac blocks \(opened at reply lines 3, 20\)/);
  });

  it('ignores a dac fence inside a SEARCH/REPLACE block (it is file content)', () => {
    const text = `${reply(review)}\nblueprint.md\n<<<<<<< SEARCH\n\`\`\`dac\n{"old": 1}\n=======\n\`\`\`dac\n{"new": 1}\n>>>>>>> REPLACE\n`;
    assert.ok(parseReply(text, 'review').ok);
  });

  describe('after a SEARCH/REPLACE block whose REPLACE line is missing', () => {
    const cut = 'src/a.js\n<<<<<<< SEARCH\nx\n=======\ny\n';

    it('still reads the dac block that follows an unfenced block', () => {
      const r = parseReply(`Fix below.\n\n${cut}\n${reply(review)}`, 'review');
      assert.ok(r.ok, r.ok ? '' : formatIssues(r.issues));
      assert.equal(r.message.score, 82);
    });

    it('still reads the dac block after the fence that held the block', () => {
      const r = parseReply(`\`\`\`js\n${cut}\`\`\`\n\nDone.\n\n${reply(review)}`, 'review');
      assert.ok(r.ok, r.ok ? '' : formatIssues(r.issues));
    });

    it('keeps the fence open when the block ends at the next SEARCH line inside the same fence', () => {
      const next = 'src/b.js\n<<<<<<< SEARCH\np\n=======\nq\n>>>>>>> REPLACE\n';
      const r = parseReply(`\`\`\`js\n${cut}${next}\`\`\`\n\n${reply(review)}`, 'review');
      assert.ok(r.ok, r.ok ? '' : formatIssues(r.issues));
    });

    it('still reads the dac block when a fenced block follows the cut one (its fence is seen)', () => {
      const next = '```js\nsrc/b.js\n<<<<<<< SEARCH\np\n=======\nq\n>>>>>>> REPLACE\n```\n';
      for (const text of [`${cut}\n${next}\n${reply(review)}`, `${cut}\nsrc/b.js\n${next.replace('src/b.js\n', '')}\n${reply(review)}`]) {
        const r = parseReply(text, 'review');
        assert.ok(r.ok, r.ok ? '' : formatIssues(r.issues));
      }
    });

    it('names the cut block when it leaves several dac fences to read', () => {
      const text = `blueprint.md\n<<<<<<< SEARCH\n\`\`\`dac\n{"old": 1}\n\`\`\`\n=======\n\`\`\`dac\n{"new": 1}\n\`\`\`\n\n${reply(review)}`;
      const r = parseReply(text, 'review');
      assert.ok(!r.ok && r.problem === 'several_blocks');
      assert.match(formatIssues(r.issues), /SEARCH\/REPLACE block at reply line 2 has no `>>>>>>> REPLACE` line/);
    });

    it('says the block was cut off, not that a fence is untagged, when no dac block follows', () => {
      const r = parseReply(`${cut}  "dac": 1,\n  "kind": "review"\n`, 'review');
      assert.ok(!r.ok && r.problem === 'no_block');
      const said = formatIssues(r.issues);
      assert.doesNotMatch(said, /not tagged dac/);
      assert.match(said, /SEARCH\/REPLACE block at reply line 2 has no `>>>>>>> REPLACE` line/);
      assert.match(said, /cut off/);
    });
  });

  it('does not call DaC JSON inside a SEARCH/REPLACE block an untagged fence (it is file content)', () => {
    const r = parseReply('blueprint.md\n<<<<<<< SEARCH\n  "dac": 1,\n=======\n  "dac": 1, "x": 2,\n>>>>>>> REPLACE\n', 'review');
    assert.ok(!r.ok && r.problem === 'no_block');
    assert.doesNotMatch(formatIssues(r.issues), /not tagged dac/);
  });

  it('reads a SEARCH line inside an unclosed dac fence as the end of that fence, and says so', () => {
    const text = `\`\`\`dac\n${JSON.stringify(review)}\n\nsrc/a.js\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n`;
    const r = parseReply(text, 'review');
    assert.ok(!r.ok && r.problem === 'unclosed_block');
    assert.match(r.issues[0].got, /no closing fence before the SEARCH\/REPLACE block at reply line 5/);
    assert.doesNotMatch(r.issues[0].got, /cut off/);
  });

  it('refuses a block that is never closed', () => {
    const r = parseReply('```dac\n{"dac": 1, "kind": "review", "score": 1}\n');
    assert.ok(!r.ok && r.problem === 'unclosed_block');
  });

  it('says where JSON is invalid', () => {
    const r = parseReply('intro\n```dac\n{\n  "dac": 1,\n  "kind": "review",\n}\n```');
    assert.ok(!r.ok && r.problem === 'invalid_json');
    assert.match(r.issues[0].got, /at line 4, column 1 of the block \(reply line 6\)/);
  });

  it('refuses JSON that is not an object', () => {
    const r = parseReply('```dac\n[1, 2]\n```');
    assert.ok(!r.ok && r.problem === 'schema');
    assert.deepEqual(r.issues, [{ path: '$', expected: 'a JSON object {"dac": 1, "kind": ...}', got: 'an array of 2' }]);
  });

  it('checks version and kind, and the kind the step expects', () => {
    const a = parseReply(reply({ ...review, dac: 2 }), 'review');
    assert.ok(!a.ok);
    assert.deepEqual(a.issues, [{ path: '$.dac', expected: '1 (the DaC protocol version)', got: 'the number 2' }]);
    const b = parseReply(reply({ dac: 1, kind: 'reviews' }));
    assert.ok(!b.ok && b.issues[0].path === '$.kind' && b.issues[0].expected.startsWith('one of "blueprint", "review"'));
    const c = parseReply(reply(review), 'decision');
    assert.ok(!c.ok);
    assert.deepEqual(c.issues, [{ path: '$.kind', expected: '"decision" (this step accepts only decision)', got: 'the string "review"' }]);
  });

  it('describes what the reply had at the path', () => {
    const r = parseReply(reply({ dac: 1, kind: 'review', score: '82' }), 'review');
    assert.ok(!r.ok);
    assert.equal(formatIssues(r.issues), '- $.score: expected an integer score from 0 to 100; got the string "82"');
    const m = parseReply(reply({ dac: 1, kind: 'review' }), 'review');
    assert.ok(!m.ok && m.issues[0].got === 'nothing (the field is missing)');
  });

  it('requireDac returns the message or throws DacReplyError', () => {
    assert.equal(requireDac(reply(review), 'review').score, 82);
    assert.throws(
      () => requireDac('no block', 'review'),
      (e: unknown) => e instanceof DacReplyError && e.problem === 'no_block' && e.issues.length === 1,
    );
  });
});
