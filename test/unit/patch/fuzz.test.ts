/**
 * Garbage in, a typed result out: the block parser and the engine never throw and never hang on
 * arbitrary model text, including text built from marker lines, fences and paths.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { parseBlocks } from '../../../src/core/patch/parseBlocks';
import { readerFromMap } from '../../../src/core/patch/reader';

const pieces = fc.constantFrom(
  '<<<<<<< SEARCH',
  '<<<<< SEARCH',
  '<<<<<<<<< SEARCH overwrite',
  '=======',
  '=====',
  '>>>>>>> REPLACE',
  '>>>>>>>>> REPLACE',
  '```',
  '```ts',
  '~~~',
  'src/a.ts',
  '../x',
  '.git/config',
  '...',
  '// ... existing code ...',
  '',
  '  ',
  'const a = 1;',
  '}',
  '\u201cq\u201d',
);
const line = fc.oneof(pieces, fc.string({ maxLength: 12 }));
const reply = fc.tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n')).map(([ls, eol]) => ls.join(eol));
const file = fc.array(fc.oneof(fc.constantFrom('const a = 1;', '}', '', '  x', '...'), fc.string({ maxLength: 8 })), { maxLength: 30 }).map((ls) => ls.join('\n'));

describe('patch engine fuzz', () => {
  it('parseBlocks returns blocks or malformed items for any text', () => {
    fc.assert(
      fc.property(fc.oneof(reply, fc.string({ maxLength: 300 })), (text) => {
        const items = parseBlocks(text);
        items.forEach((item, i) => assert.equal(item.ok ? item.block.index : item.malformed.index, i + 1));
      }),
      { numRuns: 400 },
    );
  });

  it('applyPatchText reports every block and throws nothing', async () => {
    await fc.assert(
      fc.asyncProperty(reply, file, async (text, content) => {
        const r = await applyPatchText(text, readerFromMap({ 'src/a.ts': content }));
        assert.equal(r.blocks.length, parseBlocks(text).length);
        for (const b of r.blocks) assert.ok(b.status === 'applied' ? b.reason === null : typeof b.reason === 'string');
      }),
      { numRuns: 300 },
    );
  });
});
