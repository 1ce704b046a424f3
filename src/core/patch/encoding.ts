/**
 * Bytes to text and back without changing a file's encoding: UTF-8 with or without a byte-order
 * mark, UTF-16 with a mark, and, for bytes that are not UTF-8, Latin-1 (which maps every byte to one
 * character, so untouched bytes come back exactly). Files with NUL bytes are binary and not patched.
 */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'latin1';

export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false; reason: string };
export type Encoded = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeText(bytes: Uint8Array): Decoded {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { ok: true, text: b.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { ok: true, text: swap16(b.subarray(2)).toString('utf16le'), encoding: 'utf16be' };
  const bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  const body = bom ? b.subarray(3) : b;
  if (body.includes(0)) return { ok: false, reason: 'it is a binary file (it contains NUL bytes), and only text files are patched' };
  try {
    return { ok: true, text: utf8.decode(body), encoding: bom ? 'utf8-bom' : 'utf8' };
  } catch {
    if (bom) return { ok: false, reason: 'it starts with a UTF-8 byte-order mark but is not valid UTF-8' };
    return { ok: true, text: body.toString('latin1'), encoding: 'latin1' };
  }
}

export function encodeText(text: string, encoding: TextEncoding): Encoded {
  switch (encoding) {
    case 'utf8':
      return { ok: true, bytes: Buffer.from(text, 'utf8') };
    case 'utf8-bom':
      return { ok: true, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) };
    case 'utf16le':
      return { ok: true, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) };
    case 'utf16be':
      return { ok: true, bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), swap16(Buffer.from(text, 'utf16le'))]) };
    case 'latin1': {
      let at = 0;
      while (at < text.length && text.charCodeAt(at) <= 0xff) at++;
      if (at < text.length) {
        const bad = String.fromCodePoint(text.codePointAt(at) ?? 0xfffd);
        return {
          ok: false,
          reason: `the file is Latin-1 (not UTF-8) and the new text has "${bad}", which Latin-1 cannot hold; use only characters the file can store`,
        };
      }
      return { ok: true, bytes: Buffer.from(text, 'latin1') };
    }
  }
}

function swap16(b: Buffer): Buffer {
  const out = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  out.swap16();
  return out;
}
