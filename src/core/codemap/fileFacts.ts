import type { CodeSymbol } from './extract/symbol';

/** What the code map keeps of one file (and caches by modification time and size). */
export interface FileFacts {
  /** The language found by name ('tsx' for TSX files; the recon reports it as TypeScript). */
  language: string;
  lines: number;
  symbols: CodeSymbol[];
  /** Distinct identifier-like words of the file: what it may refer to (ranking counts them). */
  words: string[];
  /** Module specifiers it imports (relative ones resolve to project files for ranking). */
  imports: string[];
  /** Why the file was not parsed, or parsed only in part: shown in the map. */
  note?: string;
}
