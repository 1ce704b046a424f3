import { createHash } from 'node:crypto';
import type { FileFacts } from './fileFacts';
import type { ImportRef } from './imports';

/** What ranking reads of a file: its symbols' names (in order), words and imports. */
export interface RankFacts {
  language: string;
  names: string[];
  words: string;
  imports: ImportRef[];
}

export function rankFactsOf(f: FileFacts): RankFacts {
  return { language: f.language, names: f.symbols.map((s) => s.name), words: f.words, imports: f.imports };
}

/** A digest of `text`, short but wide enough that two different texts never meet in practice. */
export function digest(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

/**
 * A fingerprint of what ranking reads of a file: equal fingerprints, equal ranking inputs. A stored
 * ranking is reused while every file's fingerprint is the one it was computed from.
 */
export function rankKey(f: RankFacts): string {
  return digest(JSON.stringify([f.language, f.names, f.words, f.imports]));
}

/** Whether a Java file declares `static … main`: where a Java program starts. */
export function hasJavaMain(f: FileFacts): boolean {
  return f.language === 'java' && f.symbols.some((s) => s.name === 'main' && /\bstatic\b/.test(s.signature));
}
