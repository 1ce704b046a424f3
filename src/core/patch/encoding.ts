/**
 * Bytes to text and back without changing a file's encoding or any byte that was not edited: UTF-8
 * with or without a byte-order mark, UTF-16 with a mark, and Latin-1 for files whose non-ASCII bytes
 * are not UTF-8 at all (Latin-1 maps every byte to one character). One file never gets two encodings:
 * a file that already mixes them (UTF-8 with a stray byte that is not, or Latin-1 with UTF-8 in it) is
 * read in its main encoding with every byte kept, and takes no new non-ASCII text, since which
 * encoding that text should be written in would be a guess. Files with NUL bytes are binary.
 */
import type { TextLimit } from '../ports';
import { addedChars } from './newChars';
import { decodeUtf8Escaped, encodeUtf8Escaped, isEscape } from './utf8Escaped';

export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'latin1';

/** How one file's bytes became its text, so that writing it back changes only what was edited. */
export interface FileEncoding {
  readonly name: TextEncoding;
  /** UTF-16: a last byte that is half a code unit; it stays at the end. */
  readonly oddByte?: number;
  /** The file mixes encodings: what and where, and what to do (new text may only be ASCII). */
  readonly mixed?: string;
}

export const UTF8: FileEncoding = { name: 'utf8' };

export type Decoded = { ok: true; text: string; encoding: FileEncoding } | { ok: false; reason: string };
export type Encoded = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeText(bytes: Uint8Array): Decoded {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return decodeUtf16(b, 'utf16le');
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return decodeUtf16(b, 'utf16be');
  const bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  const body = bom ? b.subarray(3) : b;
  if (body.includes(0)) return { ok: false, reason: 'it is a binary file (it contains NUL bytes), and only text files are patched' };
  const name = bom ? 'utf8-bom' : 'utf8';
  try {
    return { ok: true, text: utf8.decode(body), encoding: { name } };
  } catch {
    return decodeMixed(b, body, bom);
  }
}

/** Not all UTF-8: Latin-1 when no byte sequence is UTF-8, else whichever the file mostly is, kept byte for byte. */
function decodeMixed(file: Buffer, body: Buffer, bom: boolean): Decoded {
  const scan = decodeUtf8Escaped(body);
  const at = (offset: number): string => {
    const abs = offset + (file.length - body.length);
    return `byte offset ${abs} (line ${lineAt(file, abs)})`;
  };
  if (scan.multibyte === 0 && !bom) return { ok: true, text: body.toString('latin1'), encoding: { name: 'latin1' } };
  if (bom || scan.multibyte >= scan.strays) {
    const first = `0x${body[scan.firstStray].toString(16).toUpperCase().padStart(2, '0')} at ${at(scan.firstStray)}`;
    const count = scan.strays === 1 ? '1 byte that is not UTF-8:' : `${scan.strays} bytes that are not UTF-8, the first`;
    const mixed = `the file is UTF-8 except for ${count} ${first}. Keep the new text ASCII (an escape such as \\u00e9 where the language has one), or fix the file first: re-save it as UTF-8 with that byte corrected`;
    return { ok: true, text: scan.text, encoding: { name: bom ? 'utf8-bom' : 'utf8', mixed } };
  }
  const seq = charAt(body, scan.firstMultibyte);
  const mixed = `the file is Latin-1 but has UTF-8 in it, the first "${seq}" at ${at(scan.firstMultibyte)}. Keep the new text ASCII, or fix the file first: convert it to one encoding`;
  return { ok: true, text: body.toString('latin1'), encoding: { name: 'latin1', mixed } };
}

function decodeUtf16(b: Buffer, name: 'utf16le' | 'utf16be'): Decoded {
  const body = b.subarray(2);
  const even = body.length - (body.length % 2);
  const units = name === 'utf16le' ? body.subarray(0, even) : swap16(body.subarray(0, even));
  const encoding: FileEncoding = even < body.length ? { name, oddByte: body[even] } : { name };
  return { ok: true, text: units.toString('utf16le'), encoding };
}

/**
 * The file's bytes for `after`. `before` is the file's text as read (null for a new file): new text
 * is checked against it, so that a file that cannot hold a new character (Latin-1, mixed) is refused
 * rather than given a second encoding.
 */
export function encodeText(after: string, encoding: FileEncoding, before: string | null): Encoded {
  const refused = refusedChars(after, encoding, before ?? '');
  if (refused) return { ok: false, reason: refused };
  switch (encoding.name) {
    case 'utf8':
    case 'utf8-bom': {
      const e = encodeUtf8Escaped(after);
      if (!e.ok) {
        const code = `U+${e.code.toString(16).toUpperCase()}`;
        return { ok: false, reason: `the new text has an unpaired surrogate (${code}), half of a character, which no UTF-8 file can hold; send the whole character` };
      }
      return { ok: true, bytes: encoding.name === 'utf8-bom' ? Buffer.concat([BOM8, e.bytes]) : e.bytes };
    }
    case 'utf16le':
    case 'utf16be': {
      const units = Buffer.from(after, 'utf16le');
      const body = encoding.name === 'utf16le' ? units : swap16(units);
      const bom = encoding.name === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff];
      const odd = encoding.oddByte === undefined ? [] : [encoding.oddByte];
      return { ok: true, bytes: Buffer.concat([Buffer.from(bom), body, Buffer.from(odd)]) };
    }
    case 'latin1':
      return { ok: true, bytes: Buffer.from(after, 'latin1') };
  }
}

/** What new text the file can take, for the engine to check each block before anything is written. */
export function limitOf(encoding: FileEncoding): TextLimit | undefined {
  if (encoding.mixed !== undefined) return { chars: 'ascii', why: encoding.mixed };
  if (encoding.name === 'latin1') {
    return {
      chars: 'latin1',
      why: 'the file is Latin-1 (not UTF-8), which holds only characters up to U+00FF. Use only such characters, or convert the file to UTF-8 first',
    };
  }
  return undefined;
}

/** Whether a character may be added under a limit. */
export function allows(limit: TextLimit, code: number): boolean {
  return limit.chars === 'ascii' ? code < 0x80 : code <= 0xff;
}

function refusedChars(after: string, encoding: FileEncoding, before: string): string | undefined {
  const limit = limitOf(encoding);
  if (limit) {
    const added = addedChars([before], [after], (c) => allows(limit, c));
    if (added.length > 0) return `the new text has ${quoteChars(added)}, which the file cannot take: ${limit.why}`;
  }
  // A character standing for a stray byte is never new text: it would write that raw byte.
  if (encoding.name === 'utf8' || encoding.name === 'utf8-bom') {
    const raw = addedChars([before], [after], (c) => !isEscape(c));
    if (raw.length > 0) return `the new text has ${quoteChars(raw)}, which stands for a byte that is not UTF-8, and no such byte is written; send real characters`;
  }
  return undefined;
}

export function quoteChars(chars: readonly string[]): string {
  const shown = chars.slice(0, 3).map((c) => `"${c}" (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`);
  return shown.join(', ') + (chars.length > 3 ? ` and ${chars.length - 3} more` : '');
}

function lineAt(b: Buffer, offset: number): number {
  let line = 1;
  for (let i = b.indexOf(0x0a); i >= 0 && i < offset; i = b.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** The UTF-8 character at `offset`, for a message. */
function charAt(b: Buffer, offset: number): string {
  return [...b.toString('utf8', offset, Math.min(b.length, offset + 4))][0] ?? '';
}

function swap16(b: Buffer): Buffer {
  const out = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  out.swap16();
  return out;
}
