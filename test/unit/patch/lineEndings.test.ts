import assert from 'node:assert/strict';
import { joinLines, modelLines, replaceLines, splitLines } from '../../../src/core/patch/lineEndings';

describe('lineEndings', () => {
  it('splits and joins back to the same text, whatever the endings', () => {
    for (const t of ['', 'a', 'a\n', 'a\r\nb\r\n', 'a\nb\r\nc', '\n\n', 'x\r\n\r\ny', 'lone\rcr\n']) {
      assert.equal(joinLines(splitLines(t)), t, JSON.stringify(t));
    }
  });

  it('uses the most common ending for new lines', () => {
    assert.equal(splitLines('a\r\nb\r\nc\n').eol, '\r\n');
    assert.equal(splitLines('a\nb\r\n').eol, '\n');
    assert.equal(splitLines('no newline').eol, '\n');
  });

  it('keeps or omits the final newline when the last line is replaced', () => {
    assert.equal(joinLines(replaceLines(splitLines('a\nb'), 1, 2, ['c', 'd'])), 'a\nc\nd');
    assert.equal(joinLines(replaceLines(splitLines('a\nb\n'), 1, 2, ['c', 'd'])), 'a\nc\nd\n');
    assert.equal(joinLines(replaceLines(splitLines('a\nb'), 1, 2, [])), 'a');
    assert.equal(joinLines(replaceLines(splitLines('a\r\nb\r\n'), 0, 1, ['x', 'y'])), 'x\r\ny\r\nb\r\n');
  });

  it('reads model text with any endings as plain lines', () => {
    assert.deepEqual(modelLines('a\r\nb\rc\n'), ['a', 'b', 'c']);
    assert.deepEqual(modelLines(''), []);
  });
});
