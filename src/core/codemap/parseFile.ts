import type { Node } from 'web-tree-sitter';
import { goSymbols } from './extract/go';
import { javaSymbols } from './extract/java';
import { pythonSymbols } from './extract/python';
import { rustSymbols } from './extract/rust';
import { Source, type CodeSymbol } from './extract/symbol';
import { typescriptSymbols } from './extract/typescript';
import type { FileFacts } from './fileFacts';
import { parserFor } from './grammars';
import { jsImports, pythonImports, type ImportRef } from './imports';
import { isParsed, type ParsedLanguage } from './languages';

/** Files above this size are listed but not parsed (generated bundles, data in code). */
export const MAX_PARSE_BYTES = 1_000_000;
/** Average characters per line above which a file is taken as minified and not parsed. */
export const MINIFIED_LINE_CHARS = 300;

const EXTRACT: Record<ParsedLanguage, (root: Node, src: Source) => CodeSymbol[]> = {
  typescript: typescriptSymbols, tsx: typescriptSymbols, javascript: typescriptSymbols,
  python: pythonSymbols, go: goSymbols, rust: rustSymbols, java: javaSymbols,
};

const WORD = /[A-Za-z_$][\w$]+/g;
/** Languages whose files reach each other by name, without naming the file (ranking uses words). */
const BY_NAME = new Set(['go', 'rust', 'java']);

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** The distinct identifier-like words of a text, space-separated (one string caches and loads fast). */
function wordsOf(text: string): string {
  return [...new Set(text.match(WORD))].join(' ');
}

function importsOf(language: string, text: string): ImportRef[] {
  if (language === 'python') return pythonImports(text);
  if (language === 'typescript' || language === 'tsx' || language === 'javascript') return jsImports(text);
  return [];
}

/** Why a file of a parsed language is not parsed, or null when it is. */
export function notParsedBecause(bytes: number, lines: number): string | null {
  if (bytes > MAX_PARSE_BYTES) return `not parsed: ${Math.round(bytes / 1024)} KB`;
  if (lines > 0 && bytes / lines > MINIFIED_LINE_CHARS) return 'not parsed: minified';
  return null;
}

/** Facts of one file from its text: symbols for the languages with a grammar, size for all. */
export async function factsOf(language: string, text: string, bytes: number): Promise<FileFacts> {
  const lines = countLines(text);
  const facts: FileFacts = { language, lines, symbols: [], words: '', imports: [] };
  if (!isParsed(language)) return facts;
  const skip = notParsedBecause(bytes, lines);
  if (skip) return { ...facts, note: skip };
  if (BY_NAME.has(language)) facts.words = wordsOf(text);
  facts.imports = importsOf(language, text);
  const parser = await parserFor(language);
  const tree = parser.parse(text);
  if (!tree) return { ...facts, note: 'not parsed: the parser gave no tree' };
  try {
    facts.symbols = EXTRACT[language](tree.rootNode, new Source(text, language !== 'python'));
    if (tree.rootNode.hasError) facts.note = 'syntax errors: symbols may be incomplete';
  } finally {
    tree.delete();
  }
  return facts;
}
