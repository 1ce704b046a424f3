/**
 * Item: a tolerant match never drops what the file really has. Whatever place and strategy the engine
 * finds, a file line missing from the result must be one that SEARCH showed as it is (give or take
 * whitespace and typography): a line the model misremembered is never lost.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { keyOf } from '../../../src/core/patch/match/fileView';
import { readerFromMap } from '../../../src/core/patch/reader';
import { blockText } from './blockText';

// Long lines and near-copies of them, so that fuzzy matching is reached and misremembered lines occur.
const LINES = [
  'export function canEdit(user: User, token: Token, doc: Document): boolean {',
  '  const owner = doc.ownerId === user.id && doc.archived === false;',
  '  const shared = doc.sharedWith.includes(user.id) || doc.public === true;',
  '  if (user.isAdmin && token.valid) {',
  '  if (user.isAdmin) {',
  '    return true;',
  '    return false;',
  '  }',
  '  return owner || shared;',
  '}',
  '',
];
const line = fc.constantFrom(...LINES);
const variant = (l: string, k: number): string => (l.trim() === '' ? l : [l, `${l} // checked`, l.replace('user', 'account'), `  ${l}`, l.replace(/'/g, '"')][k % 5]);

function counts(lines: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

describe('a tolerant match keeps what the file has', () => {
  it('drops a file line only when SEARCH showed it as it is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 3, maxLength: 14 }),
        fc.nat(),
        fc.integer({ min: 3, max: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(4)), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.oneof(line, fc.constant(null))), { minLength: 1, maxLength: 3 }),
        async (file, s, len, slips, edits) => {
          const start = s % file.length;
          const search = file.slice(start, start + len);
          // The model misremembers some lines of SEARCH...
          for (const [i, k] of slips) search[i % search.length] = variant(search[i % search.length], k);
          // ...and REPLACE changes or removes some (null removes).
          const replace = [...search];
          for (const [i, to] of edits) {
            const at = i % Math.max(1, replace.length);
            if (to === null) replace.splice(at, 1);
            else replace[at] = to;
          }
          const text = `${file.join('\n')}\n`;
          const r = await applyPatchText(blockText('f.ts', search, replace), readerFromMap({ 'f.ts': text }));
          if (r.blocks[0].status !== 'applied' || r.changes.length === 0) return;
          const after = r.changes[0].after.replace(/\n$/, '').split('\n');
          const left = counts(after);
          const removable = counts(search.map((l) => keyOf('typography', l)));
          for (const l of file) {
            const n = left.get(l) ?? 0;
            if (n > 0) {
              left.set(l, n - 1);
              continue;
            }
            const k = keyOf('typography', l);
            const may = removable.get(k) ?? 0;
            assert.ok(may > 0, `the file's line ${JSON.stringify(l)} was dropped, but SEARCH never showed it for REPLACE to change (strategy ${r.blocks[0].strategy})`);
            removable.set(k, may - 1);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
