/**
 * The reply parser against generated garbage: fences, DaC-like JSON, broken JSON, SEARCH markers and
 * random text. parseReply never throws; requireDac throws nothing but DacReplyError. Runs are bounded
 * (a few hundred, small inputs) so the unit tier stays fast; a hang would time the test out.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DacReplyError } from '../../../src/core/protocol/issues';
import { parseReply, requireDac } from '../../../src/core/protocol/parseReply';
import { DAC_KINDS } from '../../../src/core/protocol/schemas';
import { DAC_EXAMPLES } from './examples';

const fragment = fc.constantFrom(
  '```dac',
  '```',
  '~~~dac',
  '````dac',
  '``` dac extra',
  '{',
  '}',
  '"dac": 1,',
  '"kind": "review",',
  '"score": 82',
  '[',
  ']',
  ',',
  '<<<<<<< SEARCH',
  '=======',
  '>>>>>>> REPLACE',
  '\\u0000',
  '"\\ud800"',
  'null',
  '',
);
const jsonish = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(...Object.values(DAC_EXAMPLES)).chain((ex) =>
    fc.tuple(fc.constantFrom(...Object.keys(ex)), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => JSON.stringify({ ...ex, [k]: v })),
  ),
);
const reply = fc
  .array(fc.oneof(fragment, fc.string({ maxLength: 20 }), jsonish.map((j) => `\`\`\`dac\n${j}\n\`\`\``)), { maxLength: 25 })
  .map((parts) => parts.join('\n'));

describe('DaC parser fuzz', () => {
  it('parseReply returns a typed result for any text', () => {
    fc.assert(
      fc.property(reply, fc.constantFrom(undefined, ...DAC_KINDS), (text, kind) => {
        const r = kind ? parseReply(text, kind) : parseReply(text);
        if (!r.ok) {
          assert.ok(r.issues.length > 0);
          for (const i of r.issues) assert.ok(i.path.startsWith('$') && i.expected.length > 0 && i.got.length > 0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('requireDac throws nothing but DacReplyError', () => {
    fc.assert(
      fc.property(fc.oneof(reply, fc.string({ maxLength: 200 })), fc.constantFrom(...DAC_KINDS), (text, kind) => {
        try {
          requireDac(text, kind);
        } catch (e) {
          assert.ok(e instanceof DacReplyError, String(e));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles large and deeply nested input without hanging', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (const text of [`\`\`\`dac\n${deep}\n\`\`\``, `\`\`\`dac\n{"dac":1,"kind":"review","score":1,"x":${deep}}\n\`\`\``, '`'.repeat(100_000), `\`\`\`dac\n${'x'.repeat(200_000)}`]) {
      const r = parseReply(text, 'review');
      assert.equal(typeof r.ok, 'boolean');
    }
  });
});
