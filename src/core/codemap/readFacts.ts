import { readFile } from 'node:fs/promises';
import type { FileFacts } from './fileFacts';
import { languageOf } from './languages';
import { factsOf } from './parseFile';

/** What reading a file needs: where it is and how big the walk saw it. */
export interface FileToRead {
  path: string;
  abs: string;
  bytes: number;
}

/** Files of other languages above this size are not read for their line count. */
const MAX_READ_BYTES = 8_000_000;

function bare(language: string, note: string): FileFacts {
  return { language, lines: 0, symbols: [], words: '', imports: [], note };
}

/** Reads and parses one file. A file that cannot be read or parsed is named with the reason, never dropped. */
export async function readFacts(f: FileToRead): Promise<FileFacts> {
  const language = languageOf(f.path);
  if (f.bytes > MAX_READ_BYTES) return bare(language, `not read: ${Math.round(f.bytes / 1_000_000)} MB`);
  let buf: Buffer;
  try {
    buf = await readFile(f.abs);
  } catch (e) {
    return bare(language, `not read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (buf.subarray(0, 8000).includes(0)) return bare(language, 'not read: binary');
  try {
    return await factsOf(language, buf.toString('utf8'), f.bytes);
  } catch (e) {
    return bare(language, `not parsed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
