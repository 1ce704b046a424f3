import type { CodeSymbol } from './extract/symbol';
import type { ImportRef } from './imports';

/** What the code map keeps of one file (and caches by modification time and size). */
export interface FileFacts {
  /** The language found by name ('tsx' for TSX files; the recon reports it as TypeScript). */
  language: string;
  lines: number;
  symbols: CodeSymbol[];
  /**
   * Go, Rust, Java (whose files see their package without imports): the file's distinct
   * identifier-like words, space-separated, which ranking matches against symbol names. '' elsewhere.
   */
  words: string;
  /** JS/TS and Python: the project files it may import and the names it uses from them. */
  imports: ImportRef[];
  /** Why the file was not parsed, or parsed only in part: shown in the map. */
  note?: string;
}
