/**
 * UTF-8 that keeps the bytes that are not UTF-8. Each such byte becomes one character that valid
 * text never holds (an unpaired surrogate, U+DC80–U+DCFF for bytes 0x80–0xFF), so the text reads as
 * UTF-8 everywhere else and writing it back restores the byte exactly.
 */

const ESCAPE_BASE = 0xdc00;

export function isEscape(code: number): boolean {
  return code >= 0xdc80 && code <= 0xdcff;
}

export interface Utf8Scan {
  text: string;
  /** Characters of two to four bytes that are valid UTF-8. */
  multibyte: number;
  /** Bytes that are not UTF-8, and the first one's offset and value. */
  strays: number;
  firstStray: number;
  /** Offset of the first valid character of two to four bytes. */
  firstMultibyte: number;
}

/** Length of the valid UTF-8 character starting at `i` (1 to 4), or 0 when the byte there starts none. */
function charLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    // No overlong forms (E0 80..9F) and no surrogates (ED A0..BF), as the Unicode standard says.
    const ok = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

export function decodeUtf8Escaped(bytes: Buffer): Utf8Scan {
  const parts: string[] = [];
  let runStart = 0;
  let multibyte = 0;
  let strays = 0;
  let firstStray = -1;
  let firstMultibyte = -1;
  let i = 0;
  while (i < bytes.length) {
    const n = charLength(bytes, i);
    if (n > 0) {
      if (n > 1) {
        multibyte++;
        if (firstMultibyte < 0) firstMultibyte = i;
      }
      i += n;
      continue;
    }
    parts.push(bytes.toString('utf8', runStart, i), String.fromCharCode(ESCAPE_BASE + bytes[i]));
    strays++;
    if (firstStray < 0) firstStray = i;
    i++;
    runStart = i;
  }
  parts.push(bytes.toString('utf8', runStart));
  return { text: parts.join(''), multibyte, strays, firstStray, firstMultibyte };
}

/** An unpaired surrogate: half of a character, which no UTF-8 can hold. */
const UNPAIRED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text to UTF-8, escapes back to their bytes; any other unpaired surrogate is refused. */
export function encodeUtf8Escaped(text: string): { ok: true; bytes: Buffer } | { ok: false; code: number } {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const m of text.matchAll(UNPAIRED)) {
    const code = m[0].charCodeAt(0);
    if (!isEscape(code)) return { ok: false, code };
    chunks.push(Buffer.from(text.slice(from, m.index), 'utf8'), Buffer.from([code - ESCAPE_BASE]));
    from = m.index + 1;
  }
  if (chunks.length === 0) return { ok: true, bytes: Buffer.from(text, 'utf8') };
  chunks.push(Buffer.from(text.slice(from), 'utf8'));
  return { ok: true, bytes: Buffer.concat(chunks) };
}
