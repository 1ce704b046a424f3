import type { Node } from 'web-tree-sitter';
import { goSymbols } from './extract/go';
import { javaSymbols } from './extract/java';
import { pythonSymbols } from './extract/python';
import { rustSymbols } from './extract/rust';
import type { CodeSymbol } from './extract/symbol';
import { typescriptSymbols } from './extract/typescript';
import type { FileFacts } from './fileFacts';
import { parserFor } from './grammars';
import { isParsed, type ParsedLanguage } from './languages';

/** Files above this size are listed but not parsed (generated bundles, data in code). */
export const MAX_PARSE_BYTES = 1_000_000;
/** Average characters per line above which a file is taken as minified and not parsed. */
export const MINIFIED_LINE_CHARS = 300;

const EXTRACT: Record<ParsedLanguage, (root: Node) => CodeSymbol[]> = {
  typescript: typescriptSymbols, tsx: typescriptSymbols, javascript: typescriptSymbols,
  python: pythonSymbols, go: goSymbols, rust: rustSymbols, java: javaSymbols,
};

const WORD = /[A-Za-z_$][\w$]*/g;
const JS_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;
const PY_IMPORT = /^\s*(?:from\s+([.\w]+)\s+import|import\s+([.\w]+))/gm;

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

function wordsOf(text: string): string[] {
  const set = new Set<string>();
  for (const m of text.matchAll(WORD)) if (m[0].length > 1) set.add(m[0]);
  return [...set];
}

function importsOf(language: string, text: string): string[] {
  const out = new Set<string>();
  if (language === 'python') {
    for (const m of text.matchAll(PY_IMPORT)) out.add(m[1] ?? m[2]);
  } else if (language === 'typescript' || language === 'tsx' || language === 'javascript') {
    for (const m of text.matchAll(JS_IMPORT)) out.add(m[1]);
  }
  return [...out];
}

/** Facts of one file from its text: symbols for the languages with a grammar, size for all. */
export async function factsOf(language: string, text: string, bytes: number): Promise<FileFacts> {
  const lines = countLines(text);
  const facts: FileFacts = { language, lines, symbols: [], words: [], imports: [] };
  if (!isParsed(language)) return facts;
  if (bytes > MAX_PARSE_BYTES) return { ...facts, note: `not parsed: ${Math.round(bytes / 1024)} KB` };
  if (lines > 0 && bytes / lines > MINIFIED_LINE_CHARS) return { ...facts, note: 'not parsed: minified' };
  facts.words = wordsOf(text);
  facts.imports = importsOf(language, text);
  const parser = await parserFor(language);
  const tree = parser.parse(text);
  if (!tree) return { ...facts, note: 'not parsed: parser gave no tree' };
  try {
    facts.symbols = EXTRACT[language](tree.rootNode);
    if (tree.rootNode.hasError) facts.note = 'syntax errors: symbols may be incomplete';
  } finally {
    tree.delete();
  }
  return facts;
}
