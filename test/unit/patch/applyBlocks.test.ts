import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { readerFromMap } from '../../../src/core/patch/reader';
import { patchRetryPrompt } from '../../../src/core/protocol/patchRetry';
import { blockText } from './blockText';

describe('applyBlocks', () => {
  it('returns one file change per touched file, with before and after', async () => {
    const r = await applyPatchText(blockText('a.txt', ['x'], ['y']) + blockText('new.txt', [], ['n']), readerFromMap({ 'a.txt': 'x\nz\n' }));
    assert.deepEqual(r.changes, [
      { path: 'a.txt', before: 'x\nz\n', after: 'y\nz\n' },
      { path: 'new.txt', before: null, after: 'n\n' },
    ]);
    assert.deepEqual(
      r.blocks.map((b) => [b.block, b.file, b.status, b.strategy, b.line, b.reason]),
      [
        [1, 'a.txt', 'applied', 'exact', 1, null],
        [2, 'new.txt', 'applied', 'create', 1, null],
      ],
    );
  });

  it('leaves out files whose blocks changed nothing', async () => {
    const r = await applyPatchText(blockText('a.txt', ['x'], ['x']), readerFromMap({ 'a.txt': 'x\n' }));
    assert.equal(r.blocks[0].status, 'applied');
    assert.deepEqual(r.changes, []);
  });

  it('matches later blocks tolerantly against lines that earlier blocks wrote', async () => {
    const file = 'a\n  b  \nc\n';
    const r = await applyPatchText(
      blockText('f.txt', ['b'], ['b', 'new one']) + blockText('f.txt', ['  new one  '], ['  new two']) + blockText('f.txt', ['  new two', 'c '], ['  new two', 'C']),
      readerFromMap({ 'f.txt': file }),
    );
    assert.deepEqual(
      r.blocks.map((b) => [b.status, b.strategy, b.line]),
      [
        ['applied', 'indentation', 2],
        ['applied', 'whitespace', 3],
        ['applied', 'whitespace', 3],
      ],
    );
    assert.equal(r.changes[0].after, 'a\n  b  \n  new two\nC\n');
  });

  it("refuses paths the caller's policy rejects, and still applies the others", async () => {
    const files = { 'src/a.js': 'a\n', 'src/b.js': 'b\n' };
    const r = await applyPatchText(blockText('src/a.js', ['a'], ['A']) + blockText('src/b.js', ['b'], ['B']), readerFromMap(files), {
      policy: (p) => (p === 'src/a.js' ? undefined : 'task T1 may only change src/a.js'),
    });
    assert.deepEqual(
      r.blocks.map((b) => [b.status, b.kind]),
      [
        ['applied', null],
        ['refused', 'not_allowed'],
      ],
    );
    assert.match(r.blocks[1].reason ?? '', /task T1 may only change src\/a\.js/);
    assert.deepEqual(
      r.changes.map((c) => c.path),
      ['src/a.js'],
    );
  });

  it('reads each file once and applies its blocks in order', async () => {
    let reads = 0;
    const reader = {
      read: async () => {
        reads++;
        return { kind: 'text' as const, text: 'one\ntwo\n' };
      },
    };
    const r = await applyPatchText(blockText('f.txt', ['one'], ['1']) + blockText('f.txt', ['two'], ['2']) + blockText('f.txt', ['1', '2'], ['12']), reader);
    assert.equal(reads, 1);
    assert.equal(r.changes[0].after, '12\n');
  });

  it('refuses what the host refuses, with its reason', async () => {
    const reader = { read: async () => ({ kind: 'refused' as const, why: 'unsafe_path' as const, reason: 'it leads outside the workspace through a link' }) };
    const r = await applyPatchText(blockText('l.txt', ['a'], ['b']), reader);
    assert.equal(r.blocks[0].status, 'refused');
    assert.equal(r.blocks[0].kind, 'unsafe_path');
    assert.match(r.blocks[0].reason ?? '', /through a link/);
  });

  it('never applies a block whose SEARCH fits more than one place (generated files full of repeats)', async () => {
    const line = fc.constantFrom('a', 'b', 'c', '  a', 'x y');
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), fc.nat(), fc.integer({ min: 1, max: 4 }), fc.array(line, { maxLength: 3 }), fc.boolean(), async (file, s, len, replacement, spaces) => {
        const start = s % file.length;
        const end = Math.min(file.length, start + len);
        const target = file.slice(start, end);
        // With trailing spaces SEARCH matches nowhere exactly, so the whitespace strategy must decide.
        const search = spaces ? target.map((l) => `${l}  `) : target;
        const text = `${file.join('\n')}\n`;
        const r = await applyPatchText(blockText('f.txt', search, ['<<new>>', ...replacement]), readerFromMap({ 'f.txt': text }));
        const b = r.blocks[0];
        let places = 0;
        for (let i = 0; i + target.length <= file.length; i++) if (target.every((t, k) => file[i + k].trimEnd() === t.trimEnd())) places++;
        if (b.status === 'applied') {
          const expected = [...file.slice(0, start), '<<new>>', ...replacement, ...file.slice(end)];
          assert.equal(r.changes[0]?.after ?? text, `${expected.join('\n')}\n`, 'applied exactly at the intended place');
          assert.ok(places === 1 || b.strategy === 'exact', 'applied only where SEARCH fits one place');
        } else {
          assert.equal(r.changes.length, 0, 'a failed block changes nothing');
          if (places > 1 && !target.every((t) => t.trim() === '')) assert.ok(b.kind === 'ambiguous' || b.kind === 'file_exists', `${b.kind}: ${b.reason}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports a SEARCH that looks like thousands of lines as ambiguous instead of trusting a partial check', async () => {
    const file = `  }\n${'\t}\n'.repeat(2500)}`;
    const r = await applyPatchText(blockText('f.txt', ['   }'], ['x']), readerFromMap({ 'f.txt': file }));
    assert.equal(r.blocks[0].kind, 'ambiguous');
    assert.deepEqual(r.changes, []);
  });

  it('writes the follow-up request for the blocks that did not apply', async () => {
    const r = await applyPatchText(blockText('a.txt', ['x'], ['y']) + blockText('a.txt', ['nope'], ['z']), readerFromMap({ 'a.txt': 'x\n' }));
    const prompt = patchRetryPrompt(r, { run: 'r1', role: 'ceo', step: 'implementation', expect: 'task_result', task: 'T1' });
    assert.ok(prompt);
    assert.equal(prompt.split('\n')[0], 'DaC-Context: run=r1 role=ceo step=implementation expect=task_result task=T1');
    assert.match(prompt, /1 of 2 SEARCH\/REPLACE blocks/);
    assert.match(prompt, /block 2 \(a\.txt\): SEARCH \(1 line\) was not found/);
    assert.doesNotMatch(prompt, /\{\{/);
    const none = await applyPatchText(blockText('a.txt', ['x'], ['y']), readerFromMap({ 'a.txt': 'x\n' }));
    assert.equal(patchRetryPrompt(none, { run: 'r1', role: 'ceo', step: 'implementation', expect: 'task_result', task: 'T1' }), undefined);
  });
});
