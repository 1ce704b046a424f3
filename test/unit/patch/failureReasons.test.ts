/**
 * The words a model reads when a block does not apply, in full: each names the block and file, says
 * what the engine saw (with line numbers and the file's real lines) and what to send next.
 */
import assert from 'node:assert/strict';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { readerFromMap } from '../../../src/core/patch/reader';
import { blockText } from './blockText';

async function reason(file: readonly string[] | undefined, search: readonly string[], replace: readonly string[] = ['x']): Promise<string> {
  const files: Record<string, string> = file ? { 'f.txt': `${file.join('\n')}\n` } : {};
  const r = await applyPatchText(blockText('f.txt', search, replace), readerFromMap(files));
  return r.blocks[0].reason ?? '(applied)';
}

const RESEND = "Resend only this block, with SEARCH copied exactly from the file's current lines below.";

describe('failure reasons', () => {
  it('no place and nothing close', async () => {
    assert.equal(
      await reason(['alpha', 'beta'], ['zzzzzzzzzzzzzzzzzzzzzzzz']),
      'block 1 (f.txt): SEARCH (1 line) was not found, and nothing in the file is close to it. Check the path, read the file again, and resend only this block with SEARCH copied from it.',
    );
  });

  it('a SEARCH that copies only part of a line says that lines are whole, and shows the line', async () => {
    const file = ['{', '  "acceptance": ["lowercases", "trims dashes", "keeps digits"],', '  "files": ["src/a.js"]', '}'];
    assert.equal(
      await reason(file, ['"trims dashes", "keeps digits"]']),
      'block 1 (f.txt): SEARCH (1 line) was not found: SEARCH and REPLACE hold whole lines, and SEARCH\'s line 1 is only part of the file\'s line 2. Resend only this block, with each SEARCH line copied whole from the file\'s lines below.\nThe file\'s line 2:\n  "acceptance": ["lowercases", "trims dashes", "keeps digits"],',
    );
  });

  it('a SEARCH too short for fuzzy matching', async () => {
    assert.equal(
      await reason(['const a = 1;', 'const b = 2;', 'const c = 3;'], ['const a = 1;', 'const b = 22;']),
      `block 1 (f.txt): SEARCH (2 lines) was not found. The closest place is lines 1–2 (similarity 96%), not close enough to apply: a SEARCH of fewer than 3 lines must match exactly (give or take whitespace, indentation and typography). ${RESEND}\nThe file's lines 1–2:\nconst a = 1;\nconst b = 2;`,
    );
  });

  it('a place below the similarity bar', async () => {
    assert.equal(
      await reason(['function f() {', '  return computeTheValue(1, 2, 3);', '}'], ['function f() {', '  return somethingElse();', '}']),
      `block 1 (f.txt): SEARCH (3 lines) was not found. The closest place is lines 1–3 (similarity 65%), not close enough to apply: at least 90% similarity is needed. ${RESEND}\nThe file's lines 1–3:\nfunction f() {\n  return computeTheValue(1, 2, 3);\n}`,
    );
  });

  it('a close place whose first or last line is not in the file as written', async () => {
    const file = ['start();', 'const value = compute(1, 2, 3, 4, 5);', 'const other = compute(6, 7, 8, 9, 10);', 'end();'];
    assert.equal(
      await reason(file, ['begin();', ...file.slice(1)]),
      `block 1 (f.txt): SEARCH (4 lines) was not found. The closest place is lines 1–4 (similarity 94%), not close enough to apply: inexact matches must start and end with lines that are in the file exactly as written (give or take whitespace), and one place must fit best. ${RESEND}\nThe file's lines 1–4:\n${file.join('\n')}`,
    );
  });

  it('the same lines, but not as SEARCH has them', async () => {
    assert.equal(
      await reason(['  a();', '  b();', 'c();'], ['a();', '', '', 'b();']),
      `block 1 (f.txt): SEARCH (4 lines) was not found. The file's lines 1–2 hold SEARCH's lines, but not as SEARCH has them: blank lines, order or indentation differ. ${RESEND}\nThe file's lines 1–2:\n  a();\n  b();`,
    );
  });

  it('indentation that no rule maps', async () => {
    assert.equal(
      await reason(['if a:', '\t\tb()', '\tc()'], ['if a:', '  b()', '    c()']),
      `block 1 (f.txt): SEARCH (3 lines) was not found. The file's lines 1–3 read the same except for indentation, and no one rule (a shift, or one indentation unit for another) turns SEARCH's indentation into the file's: SEARCH line 3 is indented deeper than line 2 (4 spaces against 2 spaces) where the file's line 3 is not deeper than line 2 (1 tab against 2 tabs), so re-indenting REPLACE would be a guess. ${RESEND}\nThe file's lines 1–3:\nif a:\n\t\tb()\n\tc()`,
    );
  });

  it('two places, each shown with two lines around it', async () => {
    assert.equal(
      await reason(['a();', 'b();', 'c();', 'd();', 'a();', 'b();', 'e();'], ['a();', 'b();']),
      "block 1 (f.txt): SEARCH fits 2 places equally well (lines 1–2, lines 5–6, by exact match), and the engine never chooses between places, so nothing was changed for this block. Resend only this block, with enough surrounding lines in SEARCH (and the same lines kept in REPLACE) that it fits exactly one place.\nThe file's lines 1–4:\na();\nb();\nc();\nd();\nThe file's lines 3–7:\nc();\nd();\na();\nb();\ne();",
    );
  });

  it('many places: five named, three shown', async () => {
    const file = [...'abcdefg'].flatMap((c) => [`${c}();`, 'x();']);
    const text = await reason(file, ['x();']);
    assert.ok(text.startsWith('block 1 (f.txt): SEARCH fits 5 places equally well (line 2, line 4, line 6, line 8, line 10 (and possibly more), by exact match)'), text);
    assert.ok(text.endsWith("\nThe file's lines 1–4:\na();\nx();\nb();\nx();\nThe file's lines 2–6:\nx();\nb();\nx();\nc();\nx();\nThe file's lines 4–8:\nx();\nc();\nx();\nd();\nx();"), text);
  });

  it('places found by different tolerances name each', async () => {
    const text = await reason(['say(\u201chi\u201d);', 'x();', '  say("hi");'], ['say("hi");']);
    assert.ok(text.includes('(line 1, line 3, by match with typographic characters read as ASCII or match with indentation shifted or in another unit)'), text);
  });

  it('a place found where applying REPLACE would be a guess', async () => {
    assert.equal(
      await reason(['def f():', '    a()', '    b()'], ['        a()', '        b()'], ['        a()', '  c()', '        b()']),
      `block 1 (f.txt): SEARCH matches lines 2–3 (match with indentation shifted or in another unit), but the REPLACE line "c()" is indented less than the shift between SEARCH and the file, so its indentation would be a guess; send SEARCH and REPLACE with the file's own indentation. Nothing was changed for this block. Resend only this block, with SEARCH copied exactly from the file's lines below.\nThe file's lines 2–3:\n    a()\n    b()`,
    );
  });

  it('a missing file, and a file that an empty SEARCH would replace', async () => {
    assert.equal(
      await reason(undefined, ['a']),
      'block 1 (f.txt): the file does not exist, so SEARCH cannot be found in it. To create it, resend this block with an empty SEARCH; to change another file, resend it with the right path.',
    );
    assert.equal(
      await reason(['a'], []),
      'block 1 (f.txt): the file already exists and is not empty, and an empty SEARCH would replace all of it. To change part of it, resend this block with SEARCH holding those lines; to replace the whole file on purpose, start the block with `<<<<<<< SEARCH overwrite`.',
    );
  });
});
