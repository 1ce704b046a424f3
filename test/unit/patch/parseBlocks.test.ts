import assert from 'node:assert/strict';
import { parseBlocks } from '../../../src/core/patch/parseBlocks';
import type { ParsedItem, PatchBlock } from '../../../src/core/patch/types';

const reading = (b: PatchBlock): { search: string[]; replace: string[] } => ({ search: b.search, replace: b.replace });

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
    assert.deepEqual([a.index, a.path, a.replyLine, reading(a)], [1, 'a.ts', 4, { search: ['x'], replace: ['y'] }]);
    assert.deepEqual([b.index, b.path, reading(b)], [2, 'b/c.py', { search: ['p', 'q'], replace: [] }]);
  });

  it('accepts 5 to 9 marker characters and fails a block with 4 or 10', () => {
    for (const n of [5, 6, 7, 8, 9]) assert.equal(ok(parseBlocks(block('a.ts', 'x\n', 'y\n', n))).length, 1, `${n} characters`);
    for (const n of [4, 10]) {
      const items = parseBlocks(block('a.ts', 'x\n', 'y\n', n));
      assert.equal(items.length, 1, `${n} characters`);
      assert.ok(!items[0].ok && /5 to 9/.test(items[0].malformed.reason), `${n} characters`);
    }
  });

  it('reads CRLF model text as lines without carriage returns', () => {
    const [b] = ok(parseBlocks(block('a.ts', 'x\n', 'y\n').replace(/\n/g, '\r\n')));
    assert.deepEqual(reading(b), { search: ['x'], replace: ['y'] });
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
    for (const line of ['**src/a.ts**', '`src/a.ts`', '### src/a.ts', 'File: src/a.ts', 'src/a.ts:', '- `src/a.ts`']) {
      const [b] = ok(parseBlocks(block(line, 'x\n', 'y\n')));
      assert.equal(b.path, 'src/a.ts', line);
    }
  });

  // What models write on the path line (issue 7, item 3), and the path it names.
  const paths: Array<[string, string]> = [
    ['my dir/a b.txt', 'my dir/a b.txt'],
    ['`my dir/a b.txt`', 'my dir/a b.txt'],
    ['docs/Meeting Notes.md', 'docs/Meeting Notes.md'],
    ['New Folder/a.txt', 'New Folder/a.txt'],
    ["it's.txt", "it's.txt"],
    ["`it's.txt`", "it's.txt"],
    ['R&D/plan.md', 'R&D/plan.md'],
    ['`R&D/plan.md`', 'R&D/plan.md'],
    ['100%.txt', '100%.txt'],
    ['`100%.txt`', '100%.txt'],
    ['a,b.txt', 'a,b.txt'],
    ['`a,b.txt`', 'a,b.txt'],
    ["`R&D/it's 100%, final.txt`", "R&D/it's 100%, final.txt"],
    ['README', 'README'],
    ['Makefile', 'Makefile'],
    ['Dockerfile', 'Dockerfile'],
    ['LICENSE', 'LICENSE'],
    ['CODEOWNERS', 'CODEOWNERS'],
    ['.github/CODEOWNERS', '.github/CODEOWNERS'],
    ['`README`', 'README'],
    ['"src/x.ts"', 'src/x.ts'],
    ["'src/x.ts'", 'src/x.ts'],
    ['\u201csrc/x.ts\u201d', 'src/x.ts'],
    ['// src/x.ts', 'src/x.ts'],
    ['# src/x.py', 'src/x.py'],
    ['-- db/schema.sql', 'db/schema.sql'],
    ['; conf/app.ini', 'conf/app.ini'],
    ['/* src/x.css */', 'src/x.css'],
    ['<!-- docs/index.html -->', 'docs/index.html'],
    ['**File:** src/x.ts', 'src/x.ts'],
    ['**File**: `src/x.ts`', 'src/x.ts'],
    ['*Path:* src/x.ts', 'src/x.ts'],
    ['New file: src/x.ts', 'src/x.ts'],
    ['### File: `src/x.ts`', 'src/x.ts'],
    ['src/x.ts (new file)', 'src/x.ts'],
    ['`src/x.ts` (new)', 'src/x.ts'],
    ['1. src/x.ts', 'src/x.ts'],
    ['> src/x.ts', 'src/x.ts'],
    ['[src/util.ts](src/util.ts)', 'src/util.ts'],
    ['[util](src/util.ts)', 'src/util.ts'],
    ['[`src/util.ts`](./src/util.ts)', './src/util.ts'],
    ['**[src/util.ts](src/util.ts)**', 'src/util.ts'],
    ['[a b](<my dir/a b.txt>)', 'my dir/a b.txt'],
    ['[a b](my%20dir/a%20b.txt)', 'my dir/a b.txt'],
    ['src/ü/日本.ts', 'src/ü/日本.ts'],
    ['docs/café/日本語 メモ.md', 'docs/café/日本語 メモ.md'],
    ['app/[slug]/page.tsx', 'app/[slug]/page.tsx'],
    ['src/(auth)/login.tsx', 'src/(auth)/login.tsx'],
    ['report (1).txt', 'report (1).txt'],
    ['.env', '.env'],
    ['src/a.ts \u2014 new file', 'src/a.ts'],
    ['Modified: src/a.ts', 'src/a.ts'],
    ['The updated file: src/a.ts', 'src/a.ts'],
    ['My Documents/report final.docx', 'My Documents/report final.docx'],
    ['src/a.ts:12', 'src/a.ts'],
    ['\u{1F4C4} src/a.ts', 'src/a.ts'],
    ['pkg/__init__.py', 'pkg/__init__.py'],
    ['routes/+page.svelte', 'routes/+page.svelte'],
  ];
  for (const [line, want] of paths) {
    it(`reads the path line ${JSON.stringify(line)} as ${JSON.stringify(want)}`, () => {
      const [b] = ok(parseBlocks(block(line, 'x\n', 'y\n')));
      assert.equal(b.path, want);
    });
  }

  // Lines that are not one path: prose, code, headings, comments. None may become a file name.
  const notPaths = [
    'Here is the fix',
    '}',
    'return x;',
    'foo(a, b)',
    '// TODO: fix this',
    '# Install deps',
    '## Changes',
    'Update the config in src/a.ts',
    'Update the config in src/a.ts:',
    'Update src/a.ts:',
    'In src/a.ts:',
    'Now edit src/a.ts',
    "I'll change src/a.ts",
    'Here is `src/a.ts`:',
    'Changes to `src/a.ts`:',
    'src/a.ts and src/b.ts',
    '`foo(a, b)`',
    '`npm install`',
    'console.log(x)',
    'src/a.ts;',
    'import x from "a.js"',
    'x = a.b',
    '[click here](https://example.com/a.ts)',
    'https://example.com/a.ts',
    'src/a.ts, src/b.ts',
    'TODO',
    '`helper`',
    'src/a\u200b.ts',
    'src/a.ts (lines 10-20)',
    '#!/usr/bin/env python',
    'Aktualisiere src/a.ts:',
    '(new file) src/a.ts',
    'src/a.ts (see below)',
    '// ... existing code ...',
    '...',
    'x',
  ];
  for (const line of notPaths) {
    it(`does not take ${JSON.stringify(line)} for a path`, () => {
      const items = parseBlocks(`${line}\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n`);
      assert.equal(items.length, 1);
      assert.ok(!items[0].ok, `read as ${items[0].ok ? JSON.stringify(items[0].block.path) : ''}`);
      assert.match(items[0].malformed.reason, /not a file path/);
    });
  }

  it('says what a path line should be when it refuses one', () => {
    const [item] = parseBlocks('Update src/a.ts:\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n');
    assert.ok(!item.ok);
    assert.match(item.malformed.reason, /block 1 \(reply line 2\)/);
    assert.match(item.malformed.reason, /"Update src\/a\.ts:"/);
    assert.match(item.malformed.reason, /expected the file's path alone on the line/);
    assert.match(item.malformed.reason, /backticks/);
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
    assert.match(items[0].malformed.reason, /before the next block at reply line 7/);
    assert.ok(items[1].ok && items[1].block.path === 'b.ts');
  });

  it('ends a block without REPLACE at the fence that holds it, and reads on after it', () => {
    const text = '```ts\na.ts\n<<<<<<< SEARCH\nx\n=======\ny\n```\n\n<<<<<<< SEARCH\np\n=======\nq\n>>>>>>> REPLACE\n';
    const items = parseBlocks(text);
    assert.equal(items.length, 2);
    assert.ok(!items[0].ok);
    assert.match(items[0].malformed.reason, /block 1 \(reply line 3\)/);
    assert.match(items[0].malformed.reason, /no `>>>>>>> REPLACE` line/);
    assert.match(items[0].malformed.reason, /cut off/);
    assert.match(items[0].malformed.reason, /the fence holding it closes at reply line 7/);
    // The second block has no path line of its own and does not borrow the broken block's path.
    assert.ok(!items[1].ok && /has no file path/.test(items[1].malformed.reason), items[1].ok ? items[1].block.path : items[1].malformed.reason);
  });

  it('ends a block without REPLACE at a line opening a dac fence', () => {
    const text = 'a.ts\n<<<<<<< SEARCH\nx\n=======\ny\n\n```dac\n{"dac": 1}\n```\n\nb.ts\n<<<<<<< SEARCH\np\n=======\nq\n>>>>>>> REPLACE\n';
    const items = parseBlocks(text);
    assert.equal(items.length, 2);
    assert.ok(!items[0].ok && /the ```dac block at reply line 7/.test(items[0].malformed.reason), items[0].ok ? '' : items[0].malformed.reason);
    assert.ok(items[1].ok && items[1].block.path === 'b.ts');
  });

  it('lets a block with long markers carry shorter blocks, even when its own REPLACE is missing', () => {
    const inner = block('inner.txt', 'a\n', 'b\n');
    const items = parseBlocks(`outer.md\n<<<<<<<<< SEARCH\nold\n=========\n${inner}`);
    assert.equal(items.length, 1, 'the 7-character block is content of the cut-off 9-character one, not applied');
    assert.ok(!items[0].ok && /REPLACE/.test(items[0].malformed.reason));
  });

  it('reports a block without a divider', () => {
    const [item] = parseBlocks('a.ts\n<<<<<<< SEARCH\nx\n>>>>>>> REPLACE\n');
    assert.ok(!item.ok && /=======/.test(item.malformed.reason));
  });

  it('fails a block with two divider lines of its markers\' length instead of choosing one', () => {
    for (const text of [block('a.md', 'T\n=======\n', 'T\n=======\nmore\n'), block('a.txt', 'x\n', 'y\n=======\nz\n')]) {
      const [item] = parseBlocks(text);
      assert.ok(!item.ok, 'two readings are never offered');
      assert.match(item.malformed.reason, /`=======` lines/);
      assert.match(item.malformed.reason, /reply lines \d+(, \d+)* and \d+/);
      assert.match(item.malformed.reason, /9-character markers/);
    }
  });

  it('reads a divider by its length when the other ======= lines are shorter or longer than the markers', () => {
    const [b] = ok(parseBlocks(block('a.md', 'T\n=====\n', 'Title\n=====\n', 7)));
    assert.deepEqual(reading(b), { search: ['T', '====='], replace: ['Title', '====='] });
    const [c] = ok(parseBlocks(block('a.md', 'T\n=======\n', 'Title\n=======\n', 9)));
    assert.deepEqual(reading(c), { search: ['T', '======='], replace: ['Title', '======='] });
  });

  it('fails a block whose second divider is a near miss', () => {
    const [item] = parseBlocks(block('a.txt', 'x\n', 'y\n=======>\nz\n'));
    assert.ok(!item.ok);
    assert.match(item.malformed.reason, /`=======>`/);
  });

  it('names a divider near miss when the block has no divider', () => {
    const [item] = parseBlocks('a.txt\n<<<<<<< SEARCH\nx\n====== =\ny\n>>>>>>> REPLACE\n');
    assert.ok(!item.ok);
    assert.match(item.malformed.reason, /no `=======` line/);
    assert.match(item.malformed.reason, /reply line 4 \(`====== =`\)/);
  });

  it('prefers markers of the opening length, so longer markers can carry shorter ones as content', () => {
    const [b] = ok(parseBlocks(block('a.txt', '<<<<<<< HEAD\n=======\n>>>>>>> x\n', 'merged\n', 9)));
    assert.deepEqual(reading(b), { search: ['<<<<<<< HEAD', '=======', '>>>>>>> x'], replace: ['merged'] });
  });

  it('reports a malformed SEARCH line as a failed block instead of skipping it', () => {
    for (const opener of ['<<<<<<< SEARCH>', '<<<<<<<<<<< SEARCH', '<<<< SEARCH', '<<<<<<< SEARCH src/a.txt', '<<<<<<< SEARCH:', '<<<<<<<< SEARCH HERE']) {
      const items = parseBlocks(`a.txt\n${opener}\nx\n=======\ny\n>>>>>>> REPLACE\n\n${block('b.txt', 'p\n', 'q\n')}`);
      assert.equal(items.length, 2, opener);
      assert.ok(!items[0].ok, opener);
      assert.equal(items[0].malformed.index, 1);
      assert.equal(items[0].malformed.path, 'a.txt');
      assert.ok(items[0].malformed.reason.includes(`\`${opener}\``), items[0].malformed.reason);
      assert.match(items[0].malformed.reason, /not a SEARCH marker line/);
      assert.ok(items[1].ok && items[1].block.path === 'b.txt' && items[1].block.index === 2, opener);
    }
  });

  it('reports a REPLACE line that no SEARCH line opened', () => {
    const items = parseBlocks(`a.txt\nx\n=======\ny\n>>>>>>> REPLACE\n\n${block('b.txt', 'p\n', 'q\n')}`);
    assert.equal(items.length, 2);
    assert.ok(!items[0].ok && /reply line 5/.test(items[0].malformed.reason) && /no `<<<<<<< SEARCH` line/.test(items[0].malformed.reason));
    assert.ok(items[1].ok);
  });

  it('reports a malformed REPLACE line by its line', () => {
    for (const closer of ['>>>>>>> REPLACE>', '>>>>>>>>>>> REPLACE', '>>>>>>> REPLACE here']) {
      const [item, next] = parseBlocks(`a.txt\n<<<<<<< SEARCH\nx\n=======\ny\n${closer}\n\n${block('b.txt', 'p\n', 'q\n')}`);
      assert.ok(!item.ok, closer);
      assert.ok(item.malformed.reason.includes(`reply line 6 (\`${closer}\`)`), item.malformed.reason);
      assert.match(item.malformed.reason, /not a REPLACE marker line/);
      assert.ok(next.ok && next.block.path === 'b.txt', closer);
    }
  });

  it('keeps content that only resembles markers as content: doctests, headings, heredocs', () => {
    const cases: Array<[string, string]> = [
      ['    >>> "ab".replace("a", "b")\n', '    >>> "ab".replace("a", "c")\n'],
      ['Title\n==========\n', 'New title\n==========\n'],
      ['$x = <<<EOT\n', '$x = <<<SEARCH\n'],
      ['>>> REPLACE\n', '>>> UPDATED\n'],
    ];
    for (const [search, replace] of cases) {
      const [b] = ok(parseBlocks(block('a.txt', search, replace)));
      assert.deepEqual(reading(b), { search: search.slice(0, -1).split('\n'), replace: replace.slice(0, -1).split('\n') });
    }
  });

  it('does not take git conflict markers or prose about markers for blocks', () => {
    assert.deepEqual(parseBlocks('```diff\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> feature\n```\nUse `<<<<<<< SEARCH` lines.\n'), []);
  });

  it('reads a block after a dac fence that was left open (a SEARCH line cannot be JSON)', () => {
    const [b] = ok(parseBlocks(`\`\`\`dac\n{"dac": 1}\n\n${block('a.txt', 'x\n', 'y\n')}`));
    assert.equal(b.path, 'a.txt');
  });

  it('finds nothing in text without blocks', () => {
    assert.deepEqual(parseBlocks('just prose\n```ts\ncode\n```\n'), []);
    assert.deepEqual(parseBlocks(''), []);
  });
});
