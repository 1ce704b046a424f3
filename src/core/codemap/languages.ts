/**
 * Which language a file is, by its name, and which tree-sitter grammar (if any) parses it. Files of
 * languages without a grammar here still appear in the recon by name and size.
 */

/** Languages whose top-level symbols the code map extracts. */
export type ParsedLanguage = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'rust' | 'java';

const BY_EXTENSION = new Map<string, string>(Object.entries({
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  py: 'python', pyi: 'python', go: 'go', rs: 'rust', java: 'java',
  // Known by name only (no grammar wired): still counted per language.
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', cs: 'csharp', rb: 'ruby', php: 'php',
  kt: 'kotlin', kts: 'kotlin', swift: 'swift', scala: 'scala', sh: 'shell', bash: 'shell', ps1: 'powershell',
  css: 'css', scss: 'scss', less: 'less', html: 'html', htm: 'html', vue: 'vue', svelte: 'svelte',
  json: 'json', yaml: 'yaml', yml: 'yaml', toml: 'toml', xml: 'xml', md: 'markdown', sql: 'sql',
  lua: 'lua', dart: 'dart', ex: 'elixir', exs: 'elixir', erl: 'erlang', hs: 'haskell', r: 'r', pl: 'perl',
}));

const PARSED = new Set<string>(['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java']);

/** The language of a workspace-relative path; 'other' when not known. */
export function languageOf(path: string): string {
  // Asked for every file of every recon: the ending is found without cutting out the name first.
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) {
    const name = path.slice(slash + 1);
    return name === 'Dockerfile' ? 'dockerfile' : name === 'Makefile' ? 'make' : 'other';
  }
  const ending = path.slice(dot + 1);
  return BY_EXTENSION.get(ending) ?? BY_EXTENSION.get(ending.toLowerCase()) ?? 'other';
}

export function isParsed(language: string): language is ParsedLanguage {
  return PARSED.has(language);
}

/** The grammar file (in @vscode/tree-sitter-wasm's set) that parses a language. */
export function grammarFile(language: ParsedLanguage): string {
  return `tree-sitter-${language}.wasm`;
}

/** The language a recon reports: TSX files count as TypeScript. */
export function reportedLanguage(language: string): string {
  return language === 'tsx' ? 'typescript' : language;
}
