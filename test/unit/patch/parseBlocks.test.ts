import assert from 'node:assert/strict';
import { parseBlocks } from '../../../src/core/patch/parseBlocks';
import type { ParsedItem, PatchBlock } from '../../../src/core/patch/types';

function ok(items: ParsedItem[]): PatchBlock[] {
  return items.map((i) => {
    assert.ok(i.ok, i.ok ? '' : i.malformed.reason);
    return i.block;
  });
}

const block = (path: string, search: string, replace: string, n = 7): string =>
  `${path}\n${'<'.repeat(n)} SEARCH\n${search}${'='.repeat(n)}\n${replace}${'>'.repeat(n)} REPLACE\n`;

describe('parseBlocks', () => {
  it('reads path, SEARCH and REPLACE lines and numbers blocks in reply order', () => {
    const [a, b] = ok(parseBlocks(`intro\n\n${block('a.ts', 'x\n', 'y\n')}\nmore prose\n${block('b/c.py', 'p\nq\n', '')}`));
    assert.deepEqual([a.index, a.path, a.replyLine, a.splits], [1, 'a.ts', 4, [{ search: ['x'], replace: ['y'] }]]);
    assert.deepEqual([b.index, b.path, b.splits], [2, 'b/c.py', [{ search: ['p', 'q'], replace: [] }]]);
  });

  it('accepts 5 to 9 marker characters and rejects 4 or 10', () => {
    for (const n of [5, 6, 7, 8, 9]) assert.equal(ok(parseBlocks(block('a.ts', 'x\n', 'y\n', n))).length, 1, `${n} characters`);
    for (const n of [4, 10]) assert.equal(parseBlocks(block('a.ts', 'x\n', 'y\n', n)).length, 0, `${n} characters`);
  });

  it('reads CRLF model text as lines without carriage returns', () => {
    const [b] = ok(parseBlocks(block('a.ts', 'x\n', 'y\n').replace(/\n/g, '\r\n')));
    assert.deepEqual(b.splits[0], { search: ['x'], replace: ['y'] });
  });

  it('skips code fences between the path line and the block', () => {
    const [b] = ok(parseBlocks('a.ts\n```ts\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n```\n'));
    assert.equal(b.path, 'a.ts');
  });

  it('gives a block without a path line the path of the block right before it', () => {
    const [a, b] = ok(parseBlocks(`${block('a.ts', 'x\n', 'y\n')}\n<<<<<<< SEARCH\nz\n=======\nw\n>>>>>>> REPLACE\n`));
    assert.equal(a.path, 'a.ts');
    assert.equal(b.path, 'a.ts');
  });

  it('does not borrow a path across prose', () => {
    const items = parseBlocks(`${block('a.ts', 'x\n', 'y\n')}\nNow the other one.\n<<<<<<< SEARCH\nz\n=======\nw\n>>>>>>> REPLACE\n`);
    assert.equal(items.length, 2);
    assert.ok(!items[1].ok && /not a file path/.test(items[1].malformed.reason));
  });

  it('strips decorations from the path line', () => {
    for (const line of ['**src/a.ts**', '`src/a.ts`', '### src/a.ts', 'File: src/a.ts', 'src/a.ts:', '- `src/a.ts`', '`src/my file.ts`']) {
      const [b] = ok(parseBlocks(block(line, 'x\n', 'y\n')));
      assert.equal(b.path, line.includes('my file') ? 'src/my file.ts' : 'src/a.ts', line);
    }
  });

  it('does not take code or prose for a path', () => {
    for (const line of ['Here is the fix', '}', 'return x;', 'foo(a, b)', '```']) {
      const items = parseBlocks(`${line}\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n`);
      assert.ok(items.length === 1 && !items[0].ok, line);
    }
  });

  it('reads `SEARCH overwrite` as permission to replace a whole file', () => {
    const [b] = ok(parseBlocks('a.ts\n<<<<<<< SEARCH overwrite\n=======\nnew\n>>>>>>> REPLACE\n'));
    assert.equal(b.overwrite, true);
    assert.equal(ok(parseBlocks(block('a.ts', '', 'new\n')))[0].overwrite, false);
  });

  it('reports a block cut off before REPLACE, and keeps reading after it', () => {
    const items = parseBlocks(`a.ts\n<<<<<<< SEARCH\nx\n=======\ny\n${block('b.ts', 'p\n', 'q\n')}`);
    assert.equal(items.length, 2);
    assert.ok(!items[0].ok && /REPLACE/.test(items[0].malformed.reason) && items[0].malformed.path === 'a.ts');
    assert.ok(items[1].ok && items[1].block.path === 'b.ts');
  });

  it('reports a block without a divider', () => {
    const [item] = parseBlocks('a.ts\n<<<<<<< SEARCH\nx\n>>>>>>> REPLACE\n');
    assert.ok(!item.ok && /=======/.test(item.malformed.reason));
  });

  it('keeps every reading when SEARCH or REPLACE holds divider lines', () => {
    const [b] = ok(parseBlocks(block('a.md', 'T\n=======\n', 'T\n=======\nmore\n')));
    assert.equal(b.splits.length, 3);
  });

  it('prefers markers of the opening length, so longer markers can carry shorter ones as content', () => {
    const [b] = ok(parseBlocks(block('a.txt', '<<<<<<< HEAD\n=======\n>>>>>>> x\n', 'merged\n', 9)));
    assert.deepEqual(b.splits, [{ search: ['<<<<<<< HEAD', '=======', '>>>>>>> x'], replace: ['merged'] }]);
  });

  it('finds nothing in text without blocks', () => {
    assert.deepEqual(parseBlocks('just prose\n```ts\ncode\n```\n'), []);
    assert.deepEqual(parseBlocks(''), []);
  });
});
