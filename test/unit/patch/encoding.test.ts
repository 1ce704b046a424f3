import assert from 'node:assert/strict';
import { decodeText, encodeText } from '../../../src/core/patch/encoding';

describe('encoding', () => {
  it('round-trips every supported encoding byte for byte', () => {
    const samples: Buffer[] = [
      Buffer.from('plain ascii\n'),
      Buffer.from('caf\u00e9 \u2603 \u{1F600}\r\n', 'utf8'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('bom\n')]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('utf16 \u00e9\n', 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('utf16be \u00e9\n', 'utf16le').swap16()]),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x80, 0xff]),
      Buffer.alloc(0),
    ];
    for (const bytes of samples) {
      const d = decodeText(bytes);
      assert.ok(d.ok, bytes.toString('hex'));
      const e = encodeText(d.text, d.encoding);
      assert.ok(e.ok);
      assert.deepEqual(e.bytes, bytes, d.encoding);
    }
  });

  it('reads the text without its byte-order mark', () => {
    const d = decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
    assert.deepEqual(d, { ok: true, text: 'a', encoding: 'utf8-bom' });
  });

  it('refuses binary files and characters Latin-1 cannot hold', () => {
    assert.equal(decodeText(Buffer.from([0x89, 0x50, 0x00, 0x01])).ok, false);
    assert.equal(encodeText('\u20ac', 'latin1').ok, false);
  });
});
