import type { CodeSymbol } from './extract/symbol';
import type { FileFacts } from './fileFacts';
import type { ImportRef } from './imports';
import { digest, type RankFacts } from './rankFacts';

/**
 * The code map cache on disk, one file in three sections, so that a recon reads only what it needs:
 * - a header line (JSON: format, version, a generation id, each section's length and digest);
 * - "hot": per file what every recon reads — path, modification time, size, lines, note, the
 *   fingerprint of its ranking inputs, whether it is a Java main, the length of its symbol record;
 * - "inputs": per file what ranking reads (symbol names, words, imports) — read only when the
 *   stored ranking no longer fits the files;
 * - the symbol records, one per file, read only for the files that make it into the map.
 * Every section and record carries a digest: a cache that was cut short or edited is not trusted.
 * The log beside it holds whole entries of files changed since, one digested JSON line per recon.
 */

export const FORMAT = 'factory-codemap';

export interface Header {
  format: string;
  version: number;
  gen: string;
  /** [length in bytes, digest] */
  hot: [number, string];
  inputs: [number, string];
  /** Length in bytes of the symbol records (each carries its own digest). */
  symbols: number;
}

export interface HotSection {
  paths: string[];
  mtimes: number[];
  bytes: number[];
  lines: number[];
  keys: string[];
  /** Byte length of each file's symbol record, in order (0: no symbols). */
  symLens: number[];
  /** Slot → note. */
  notes: Record<string, string>;
  /** Slots of Java files with a static main. */
  mains: number[];
}

/** Per file, in slot order: names, words ('' mostly: a slot → words map), imports as [from, ...names]. */
export interface InputsSection {
  names: string[][];
  words: Record<string, string>;
  imports: string[][][];
}

const DIGEST_CHARS = 16;

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);

export function readHeader(line: string, version: number): Header | null {
  try {
    const h = JSON.parse(line) as Partial<Header>;
    if (h.format !== FORMAT || h.version !== version || !isString(h.gen)) return null;
    const pair = (p: unknown): p is [number, string] => Array.isArray(p) && p.length === 2 && isNumber(p[0]) && p[0] >= 0 && isString(p[1]);
    if (!pair(h.hot) || !pair(h.inputs) || !isNumber(h.symbols) || h.symbols < 0) return null;
    return h as Header;
  } catch {
    return null;
  }
}

/** The section's JSON when its digest is right, else null. */
function section(buf: Buffer, want: string): unknown {
  if (digest(buf) !== want) return null;
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

export function readHot(buf: Buffer, want: string): HotSection | null {
  const h = section(buf, want) as Partial<HotSection> | null;
  if (!h || typeof h !== 'object') return null;
  const { paths, mtimes, bytes, lines, keys, symLens, notes, mains } = h;
  if (!isStringArray(paths) || !isStringArray(keys) || !Array.isArray(mtimes) || !Array.isArray(bytes) || !Array.isArray(lines) || !Array.isArray(symLens)) return null;
  const n = paths.length;
  if (keys.length !== n || mtimes.length !== n || bytes.length !== n || lines.length !== n || symLens.length !== n) return null;
  for (let i = 0; i < n; i++) if (!isNumber(mtimes[i]) || !isNumber(bytes[i]) || !isNumber(lines[i]) || !isNumber(symLens[i]) || symLens[i] < 0) return null;
  if (!notes || typeof notes !== 'object' || !Object.values(notes).every(isString)) return null;
  if (!Array.isArray(mains) || !mains.every(isNumber)) return null;
  return h as HotSection;
}

export function readInputs(buf: Buffer, want: string, count: number): InputsSection | null {
  const x = section(buf, want) as Partial<InputsSection> | null;
  if (!x || typeof x !== 'object' || !Array.isArray(x.names) || !Array.isArray(x.imports) || !x.words || typeof x.words !== 'object') return null;
  if (x.names.length !== count || x.imports.length !== count || !x.names.every(isStringArray) || !Object.values(x.words).every(isString)) return null;
  if (!x.imports.every((list) => Array.isArray(list) && list.every((ref) => isStringArray(ref) && ref.length > 0))) return null;
  return x as InputsSection;
}

export function encodeInputs(all: readonly RankFacts[]): InputsSection {
  const words: Record<string, string> = {};
  all.forEach((f, i) => {
    if (f.words) words[i] = f.words;
  });
  return { names: all.map((f) => f.names), words, imports: all.map((f) => f.imports.map((r) => [r.from, ...r.names])) };
}

export function inputsAt(x: InputsSection, slot: number, language: string): RankFacts {
  const imports: ImportRef[] = x.imports[slot].map(([from, ...names]) => ({ from, names }));
  return { language, names: x.names[slot], words: x.words[slot] ?? '', imports };
}

/** A file's symbol record: digest, then [path, mtimeMs, bytes, symbols] (so a record read for the wrong file is seen). */
export function encodeRecord(path: string, mtimeMs: number, bytes: number, symbols: readonly CodeSymbol[]): Buffer {
  if (symbols.length === 0) return Buffer.alloc(0);
  const json = Buffer.from(JSON.stringify([path, mtimeMs, bytes, symbols]));
  return Buffer.concat([Buffer.from(digest(json)), json]);
}

export function decodeRecord(buf: Buffer, path: string, mtimeMs: number, bytes: number): CodeSymbol[] | null {
  if (buf.length <= DIGEST_CHARS) return null;
  const json = buf.subarray(DIGEST_CHARS);
  if (buf.subarray(0, DIGEST_CHARS).toString('latin1') !== digest(json)) return null;
  try {
    const r = JSON.parse(json.toString('utf8')) as unknown;
    if (!Array.isArray(r) || r[0] !== path || r[1] !== mtimeMs || r[2] !== bytes || !Array.isArray(r[3]) || !r[3].every(validSymbol)) return null;
    return r[3] as CodeSymbol[];
  } catch {
    return null;
  }
}

function validSymbol(s: unknown): s is CodeSymbol {
  if (typeof s !== 'object' || s === null) return false;
  const x = s as Partial<CodeSymbol>;
  return isString(x.name) && isString(x.kind) && isString(x.signature) && isNumber(x.line) && (x.parent === undefined || isString(x.parent));
}

export function validFacts(x: unknown): x is FileFacts {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Partial<FileFacts>;
  return isString(f.language) && isNumber(f.lines) && Array.isArray(f.symbols) && f.symbols.every(validSymbol) && isString(f.words) &&
    Array.isArray(f.imports) && f.imports.every((r) => typeof r === 'object' && r !== null && isString(r.from) && isStringArray(r.names)) &&
    (f.note === undefined || isString(f.note));
}

/** One line of the log: the entries of the files a recon parsed, and the paths it no longer saw. */
export interface LogLine {
  version: number;
  set: Record<string, { mtimeMs: number; bytes: number; facts: FileFacts }>;
  del: string[];
}

export function encodeLogLine(line: LogLine): string {
  const json = JSON.stringify(line);
  return `${digest(json)}${json}\n`;
}

/** A log line when whole, of this version and well formed; null otherwise (cut short by a crash, edited, old). */
export function decodeLogLine(text: string, version: number): LogLine | null {
  const json = text.slice(DIGEST_CHARS);
  if (text.length <= DIGEST_CHARS || text.slice(0, DIGEST_CHARS) !== digest(json)) return null;
  try {
    const l = JSON.parse(json) as Partial<LogLine>;
    if (l.version !== version || !l.set || typeof l.set !== 'object' || !isStringArray(l.del)) return null;
    for (const e of Object.values(l.set)) if (!e || !isNumber(e.mtimeMs) || !isNumber(e.bytes) || !validFacts(e.facts)) return null;
    return l as LogLine;
  } catch {
    return null;
  }
}
