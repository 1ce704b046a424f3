import assert from 'node:assert/strict';
import { OutputBuffer } from '../../../src/core/exec/outputBuffer';

describe('OutputBuffer', () => {
  it('keeps everything under the cap', () => {
    const b = new OutputBuffer(100);
    b.append(Buffer.from('hello '));
    b.append(Buffer.from('world'));
    assert.equal(b.text(), 'hello world');
    assert.equal(b.truncated, false);
    assert.equal(b.bytes, 11);
  });

  it('over the cap keeps the head and the tail, and says how much of the middle was cut', () => {
    const b = new OutputBuffer(20);
    for (let i = 0; i < 100; i++) b.append(Buffer.from(`${i % 10}`.repeat(10)));
    assert.equal(b.truncated, true);
    assert.equal(b.bytes, 1000);
    assert.equal(b.text(), '0000000000\n[… 980 bytes of output cut from the middle …]\n9999999999');
  });

  it('a single chunk bigger than the cap is cut the same way', () => {
    const b = new OutputBuffer(10);
    b.append(Buffer.from('abcdefghijklmnopqrstuvwxyz'));
    assert.equal(b.text(), 'abcde\n[… 16 bytes of output cut from the middle …]\nvwxyz');
  });

  it('never splits a UTF-8 character at the cut', () => {
    const b = new OutputBuffer(8);
    b.append(Buffer.from('ééééééééééé')); // 2 bytes each
    const text = b.text();
    assert.ok(!text.includes('\uFFFD'), text);
    assert.match(text, /^éé\n\[… \d+ bytes of output cut from the middle …\]\néé$/);
  });
});
