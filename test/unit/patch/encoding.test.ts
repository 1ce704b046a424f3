import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText, encodeText, limitOf, UTF8, type FileEncoding } from '../../../src/core/patch/encoding';

function decoded(bytes: Buffer): { text: string; encoding: FileEncoding } {
  const d = decodeText(bytes);
  assert.ok(d.ok, d.ok ? '' : d.reason);
  return d;
}

function encoded(after: string, encoding: FileEncoding, before: string | null): Buffer {
  const e = encodeText(after, encoding, before);
  assert.ok(e.ok, e.ok ? '' : e.reason);
  return e.bytes;
}

const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');
const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

describe('encoding', () => {
  it('round-trips every supported encoding byte for byte', () => {
    const samples: Buffer[] = [
      Buffer.from('plain ascii\n'),
      Buffer.from('caf\u00e9 \u2603 \u{1F600}\r\n', 'utf8'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('bom\n')]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('utf16 \u00e9\n')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('utf16be \u00e9\n')]),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x80, 0xff]),
      Buffer.alloc(0),
    ];
    for (const bytes of samples) {
      const d = decoded(bytes);
      assert.deepEqual(encoded(d.text, d.encoding, d.text), bytes, d.encoding.name);
    }
  });

  it('keeps every byte of any file it reads when the text comes back unchanged (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (raw) => {
        const bytes = Buffer.from(raw);
        const d = decodeText(bytes);
        if (!d.ok) return; // binary: never patched
        const e = encodeText(d.text, d.encoding, d.text);
        assert.ok(e.ok, e.ok ? '' : e.reason);
        assert.deepEqual(e.bytes, bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the text without its byte-order mark', () => {
    const d = decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
    assert.ok(d.ok);
    assert.deepEqual([d.text, d.encoding.name], ['a', 'utf8-bom']);
  });

  it('refuses binary files and characters Latin-1 cannot hold', () => {
    assert.equal(decodeText(Buffer.from([0x89, 0x50, 0x00, 0x01])).ok, false);
    const latin1 = decoded(Buffer.from('caf\xe9\n', 'latin1'));
    const e = encodeText('caf\xe9 \u20ac\n', latin1.encoding, latin1.text);
    assert.equal(e.ok, false);
    assert.match(e.ok ? '' : e.reason, /Latin-1/);
  });

  describe('UTF-16 with an odd last byte (half a code unit)', () => {
    for (const [name, bom, enc] of [
      ['LE', [0xff, 0xfe], utf16le],
      ['BE', [0xfe, 0xff], utf16be],
    ] as const) {
      it(`${name}: keeps the byte after an edit, at the end where it was`, () => {
        const bytes = Buffer.concat([Buffer.from(bom), enc('k\u00e9y = 1\nend\n'), Buffer.from([0x41])]);
        const d = decoded(bytes);
        assert.equal(d.text, 'k\u00e9y = 1\nend\n');
        const after = encoded('k\u00e9y = \u20ac2\nend\n', d.encoding, d.text);
        assert.deepEqual(after, Buffer.concat([Buffer.from(bom), enc('k\u00e9y = \u20ac2\nend\n'), Buffer.from([0x41])]));
      });
    }
  });

  describe('a UTF-8 file with a stray byte that is not UTF-8', () => {
    // Line 3 holds the stray byte 0xE9 (a Latin-1 é) among UTF-8 text.
    const bytes = Buffer.concat([Buffer.from('// caf\u00e9 \u2603\nconst a = 1;\nconst b = "', 'utf8'), Buffer.from([0xe9]), Buffer.from('";\n')]);
    const strayOffset = Buffer.byteLength('// caf\u00e9 \u2603\nconst a = 1;\nconst b = "', 'utf8');

    it('is read as UTF-8 (its UTF-8 text stays readable), not as Latin-1', () => {
      const d = decoded(bytes);
      assert.ok(d.text.startsWith('// caf\u00e9 \u2603\nconst a = 1;\n'), JSON.stringify(d.text));
      assert.notEqual(d.encoding.name, 'latin1');
    });

    it('takes ASCII edits and keeps the stray byte and every other byte exactly', () => {
      const d = decoded(bytes);
      const after = encoded(d.text.replace('const a = 1;', 'const a = 2; // changed'), d.encoding, d.text);
      assert.deepEqual(after, Buffer.from(bytes.toString('latin1').replace('const a = 1;', 'const a = 2; // changed'), 'latin1'));
    });

    it('lets characters it already has stay or move (a line with é edited, lines swapped)', () => {
      const d = decoded(bytes);
      const lines = d.text.split('\n');
      const moved = [lines[1], lines[0].replace('caf', 'CAF'), lines[2], lines[3]].join('\n');
      const after = encoded(moved, d.encoding, d.text);
      const want = Buffer.concat([Buffer.from('const a = 1;\n// CAF\u00e9 \u2603\nconst b = "', 'utf8'), Buffer.from([0xe9]), Buffer.from('";\n')]);
      assert.deepEqual(after, want);
    });

    it('refuses new non-ASCII text, saying what is wrong with the file, where, and what to do', () => {
      const d = decoded(bytes);
      for (const added of ['\u00e9', '\u20ac', '\u{1F600}']) {
        const e = encodeText(d.text.replace('const a = 1;', `const a = "${added}";`), d.encoding, d.text);
        assert.equal(e.ok, false, added);
        const reason = e.ok ? '' : e.reason;
        assert.ok(reason.includes(added), reason);
        assert.match(reason, /not UTF-8/);
        assert.match(reason, new RegExp(`0xE9 at byte offset ${strayOffset} \\(line 3\\)`));
        assert.match(reason, /ASCII/);
        assert.match(reason, /re-save|convert/);
      }
    });

    it('never writes a copy of the stray byte (the character standing for it) as new text', () => {
      const d = decoded(bytes);
      const stray = [...d.text].find((c) => c.charCodeAt(0) >= 0xdc80 && c.charCodeAt(0) <= 0xdcff);
      assert.ok(stray);
      assert.equal(encodeText(`${d.text}${stray}\n`, d.encoding, d.text).ok, false);
    });

    it('tells the engine, before any block applies, that new text must be ASCII', () => {
      const limit = limitOf(decoded(bytes).encoding);
      assert.equal(limit?.chars, 'ascii');
      assert.match(limit?.why ?? '', /line 3/);
    });

    it('is also read with a UTF-8 byte-order mark (once refused as unreadable)', () => {
      const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      const d = decoded(withBom);
      assert.equal(d.encoding.name, 'utf8-bom');
      assert.deepEqual(encoded(d.text.replace('a = 1', 'a = 3'), d.encoding, d.text), Buffer.from(withBom.toString('latin1').replace('a = 1', 'a = 3'), 'latin1'));
      assert.match(limitOf(d.encoding)?.why ?? '', new RegExp(`byte offset ${strayOffset + 3} \\(line 3\\)`));
    });
  });

  describe('a Latin-1 file', () => {
    const bytes = Buffer.from('caf\xe9 = 1\nna\xefve = 2\n', 'latin1');

    it('that really is Latin-1 takes new Latin-1 text, written as Latin-1', () => {
      const d = decoded(bytes);
      assert.equal(d.encoding.name, 'latin1');
      assert.equal(limitOf(d.encoding)?.chars, 'latin1');
      assert.deepEqual(encoded(d.text.replace('= 1', '= \xe0'), d.encoding, d.text), Buffer.from('caf\xe9 = \xe0\nna\xefve = 2\n', 'latin1'));
    });

    it('with a stray UTF-8 sequence in it takes no new non-ASCII text either way', () => {
      const mixed = Buffer.concat([bytes, Buffer.from('x = \u00e9\n', 'utf8')]);
      const d = decoded(mixed);
      assert.equal(limitOf(d.encoding)?.chars, 'ascii');
      assert.match(limitOf(d.encoding)?.why ?? '', /UTF-8/);
      assert.equal(encodeText(d.text.replace('= 1', '= \xe0'), d.encoding, d.text).ok, false);
      assert.deepEqual(encoded(d.text.replace('= 1', '= 9'), d.encoding, d.text), Buffer.from(mixed.toString('latin1').replace('= 1', '= 9'), 'latin1'));
    });
  });

  it('never writes half a character into a UTF-8 file (an unpaired surrogate in new text)', () => {
    const e = encodeText('x = "\ud800"\n', UTF8, '');
    assert.equal(e.ok, false);
    assert.match(e.ok ? '' : e.reason, /U\+D800/);
    assert.equal(encodeText('x = "\udce9"\n', UTF8, '').ok, false);
  });

  it('a clean UTF-8 or UTF-16 file takes any text', () => {
    assert.equal(limitOf(decoded(Buffer.from('caf\u00e9\n', 'utf8')).encoding), undefined);
    assert.equal(limitOf(decoded(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('x\n')])).encoding), undefined);
  });

  describe('boundaries (each one a way to lose or mangle a byte)', () => {
    it('tells a byte-order mark only by all of its bytes, and an empty marked file keeps its encoding', () => {
      for (const [bytes, name] of [
        [[0xef, 0xbb, 0xbf], 'utf8-bom'],
        [[0xff, 0xfe], 'utf16le'],
        [[0xfe, 0xff], 'utf16be'],
      ] as const) {
        const d = decoded(Buffer.from(bytes));
        assert.deepEqual([d.text, d.encoding.name], ['', name]);
        assert.deepEqual(encoded('x\n', d.encoding, ''), Buffer.concat([Buffer.from(bytes), name === 'utf8-bom' ? Buffer.from('x\n') : name === 'utf16le' ? utf16le('x\n') : utf16be('x\n')]));
      }
      for (const bytes of [[0x41, 0xbb, 0xbf, 0x0a], [0xef, 0x41, 0xbf, 0x0a], [0xef, 0xbb, 0x41, 0x0a], [0xff, 0x41, 0x0a], [0x41, 0xfe, 0x0a]]) {
        const d = decoded(Buffer.from(bytes));
        assert.equal(d.encoding.name, 'latin1', Buffer.from(bytes).toString('hex'));
        assert.equal(d.text, Buffer.from(bytes).toString('latin1'));
      }
    });

    it('keeps a second byte-order mark that is part of the text', () => {
      const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61, 0x0a]);
      const d = decoded(bytes);
      assert.equal(d.text, '\ufeffa\n');
      assert.deepEqual(encoded(d.text, d.encoding, d.text), bytes);
    });

    // Next to a stray byte (so the file is read by the lenient scanner), each sequence is either one
    // character or, when the Unicode standard says it is not UTF-8, kept byte for byte.
    const valid: Array<[number[], string]> = [
      [[0xc2, 0x80], '\u0080'],
      [[0xdf, 0xbf], '\u07ff'],
      [[0xe0, 0xa0, 0x80], '\u0800'],
      [[0xe1, 0x80, 0x80], '\u1000'],
      [[0xed, 0x9f, 0xbf], '\ud7ff'],
      [[0xee, 0x80, 0x80], '\ue000'],
      [[0xef, 0xbf, 0xbf], '\uffff'],
      [[0xf0, 0x90, 0x80, 0x80], '\u{10000}'],
      [[0xf3, 0xbf, 0xbf, 0xbf], '\u{fffff}'],
      [[0xf4, 0x8f, 0xbf, 0xbf], '\u{10ffff}'],
    ];
    const invalid: number[][] = [
      [0x80],
      [0xbf],
      [0xc0, 0x80],
      [0xc1, 0xbf],
      [0xc2, 0x41],
      [0xc2, 0xc0],
      [0xe0, 0x80, 0x80],
      [0xe0, 0x9f, 0xbf],
      [0xed, 0xa0, 0x80],
      [0xed, 0xbf, 0xbf],
      [0xe2, 0x82],
      [0xe2, 0x41, 0x80],
      [0xe2, 0x82, 0x41],
      [0xf0, 0x80, 0x80, 0x80],
      [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xf0, 0x90, 0x80],
      [0xf0, 0x90, 0x80, 0x41],
      [0xf0, 0x90, 0x41, 0x80],
      [0xf8, 0x88, 0x80, 0x80],
      [0xff],
    ];

    it('reads each valid UTF-8 sequence as its character, even beside a stray byte', () => {
      for (const [seq, ch] of valid) {
        // Two valid characters for the one stray byte, so the file is mostly UTF-8.
        const bytes = Buffer.concat([Buffer.from('\u00e9\u00e9 ', 'utf8'), Buffer.from([0xff, 0x20]), Buffer.from(seq), Buffer.from('\n')]);
        const d = decoded(bytes);
        assert.equal(d.encoding.name, 'utf8', Buffer.from(seq).toString('hex'));
        assert.ok(d.text.endsWith(` ${ch}\n`), `${Buffer.from(seq).toString('hex')}: ${JSON.stringify(d.text)}`);
        assert.deepEqual(encoded(d.text, d.encoding, d.text), bytes);
      }
    });

    it('keeps each sequence that is not UTF-8 byte for byte, one stray per byte it cannot read', () => {
      for (const seq of invalid) {
        const bytes = Buffer.concat([Buffer.from('\u00e9\u00e9\u00e9\u00e9\u00e9 ', 'utf8'), Buffer.from(seq), Buffer.from('\n')]);
        const d = decoded(bytes);
        const hex = Buffer.from(seq).toString('hex');
        assert.equal(d.encoding.name, 'utf8', hex);
        assert.equal(d.text.includes('\ufffd'), false, hex);
        assert.deepEqual(encoded(d.text, d.encoding, d.text), bytes, hex);
        const strays = [...d.text].filter((c) => c.charCodeAt(0) >= 0xdc80 && c.charCodeAt(0) <= 0xdcff).length;
        assert.ok(strays >= 1 && strays <= seq.length, `${hex}: ${strays} strays`);
      }
    });

    it('says how many stray bytes there are and where the first is, counting lines from a newline at byte 0', () => {
      const bytes = Buffer.concat([Buffer.from('\n\u00e9\u00e9\u00e9 ', 'utf8'), Buffer.from([0x80]), Buffer.from('\nx'), Buffer.from([0x81]), Buffer.from('\n')]);
      const why = limitOf(decoded(bytes).encoding)?.why ?? '';
      assert.match(why, /2 bytes that are not UTF-8, the first 0x80 at byte offset 8 \(line 2\)/);
      const one = Buffer.concat([Buffer.from('\u00e9\u00e9 ', 'utf8'), Buffer.from([0x9a])]);
      assert.match(limitOf(decoded(one).encoding)?.why ?? '', /1 byte that is not UTF-8: 0x9A at byte offset 5 \(line 1\)/);
    });

    it('reads a file as much UTF-8 as not as UTF-8, and one more Latin-1 than UTF-8 as Latin-1, naming the first UTF-8 character', () => {
      const even = Buffer.concat([Buffer.from('a \u00e9 ', 'utf8'), Buffer.from([0xe8, 0x0a])]);
      assert.equal(decoded(even).encoding.name, 'utf8');
      assert.equal(decoded(even).text, 'a \u00e9 \udce8\n');
      const latin = Buffer.concat([Buffer.from('b\xe8\xe8\nc ', 'latin1'), Buffer.from('\u00e9\n', 'utf8')]);
      const d = decoded(latin);
      assert.deepEqual([d.encoding.name, d.text], ['latin1', latin.toString('latin1')]);
      assert.match(limitOf(d.encoding)?.why ?? '', /Latin-1 but has UTF-8 in it, the first "\u00e9" at byte offset 6 \(line 2\)/);
    });

    it('names the first of several strays or UTF-8 characters, also at byte 0', () => {
      const strays = Buffer.concat([Buffer.from([0x85]), Buffer.from(' \u00e9\u00e9\u00e9 ', 'utf8'), Buffer.from([0x86, 0x0a])]);
      assert.match(limitOf(decoded(strays).encoding)?.why ?? '', /the first 0x85 at byte offset 0 \(line 1\)/);
      const latin = Buffer.concat([Buffer.from('\u00e9', 'utf8'), Buffer.from(' \xe8\xe8\xe8\xe8 ', 'latin1'), Buffer.from('\u00fc\n', 'utf8')]);
      const d = decoded(latin);
      assert.equal(d.encoding.name, 'latin1');
      assert.match(limitOf(d.encoding)?.why ?? '', /the first "\u00e9" at byte offset 0 \(line 1\)/);
    });

    it('limits new text exactly: ASCII is below U+0080, Latin-1 up to U+00FF', () => {
      const mixed = decoded(Buffer.concat([Buffer.from('\u00e9\u00e9 ', 'utf8'), Buffer.from([0x9a, 0x0a])]));
      assert.equal(encodeText(`${mixed.text}\u007f`, mixed.encoding, mixed.text).ok, true);
      assert.equal(encodeText(`${mixed.text}\u0080`, mixed.encoding, mixed.text).ok, false);
      const latin1 = decoded(Buffer.from('caf\xe9\n', 'latin1'));
      assert.deepEqual(encoded(`${latin1.text}\u00ff`, latin1.encoding, latin1.text), Buffer.from('caf\xe9\n\xff', 'latin1'));
      assert.equal(encodeText(`${latin1.text}\u0100`, latin1.encoding, latin1.text).ok, false);
    });

    it('names each refused character with its code point, three at most', () => {
      const latin1 = decoded(Buffer.from('caf\xe9\n', 'latin1'));
      const one = encodeText(`${latin1.text}\u20ac`, latin1.encoding, latin1.text);
      assert.match(one.ok ? '' : one.reason, /the new text has "\u20ac" \(U\+20AC\), which/);
      const many = encodeText(`${latin1.text}\u0100\u0101\u0102\u0103\u0104`, latin1.encoding, latin1.text);
      assert.match(many.ok ? '' : many.reason, /"\u0100" \(U\+0100\), "\u0101" \(U\+0101\), "\u0102" \(U\+0102\) and 2 more, which/);
      const three = encodeText(`${latin1.text}\u0100\u0101\u0102`, latin1.encoding, latin1.text);
      assert.match(three.ok ? '' : three.reason, /\(U\+0102\), which/);
    });

    it('never writes a stray byte into a UTF-8 file with a byte-order mark that has none', () => {
      const bom = decoded(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a]));
      assert.equal(encodeText('a\udce9\n', bom.encoding, bom.text).ok, false);
    });
  });
});
