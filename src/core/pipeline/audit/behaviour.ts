/**
 * How much a file does, for AUDIT's angles: the function and method bodies it defines and the
 * branches and loops in them, counted in its text with comments and strings left out. A file of
 * declarations only (interfaces, types, constants, re-exports) counts 0 however central it is: an
 * audit learns more from the code that runs. Counted from the text, not a grammar, so every language
 * gets a measure (a C-like or a `#`-comment one); it ranks files, it is not a metric to report.
 */

/** Languages whose comments start with `#` (and whose `//` is not a comment). */
const HASH_COMMENTS = new Set(['python', 'ruby', 'shell', 'perl', 'r', 'elixir', 'make', 'dockerfile', 'yaml', 'toml', 'nim', 'julia', 'crystal']);

const C_LIKE_NOISE = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\[\s\S]|[^`\\])*`/g;
const HASH_NOISE = /"""[\s\S]*?"""|'''[\s\S]*?'''|#[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g;

/** Branches and loops: each is a decision the code makes. */
const BRANCH = /\b(?:if|elif|for|foreach|while|until|unless|case|when|catch|except|rescue|match|switch|guard)\b|&&|\|\||\?\?/g;

/**
 * Bodies of functions and methods: `) {` or `): Type {` (C-like and TypeScript), `=> {`, and the
 * keyword-led definitions of other languages. A signature with no body (an interface's method, a
 * type's function) has none of these.
 */
const BODY = /\)\s*(?::\s*[^{;=\n]+?)?\s*\{|=>\s*\{|^\s*(?:async\s+)?def\s|\bfunc\s|\bfn\s|\bsub\s/gm;

/** Files bigger than this are generated or data: not read to be measured (they count 0). */
export const MAX_MEASURED_BYTES = 1_000_000;

export function logicOf(language: string, text: string): number {
  if (text.length > MAX_MEASURED_BYTES) return 0;
  const code = text.replace(HASH_COMMENTS.has(language) ? HASH_NOISE : C_LIKE_NOISE, ' ');
  return (code.match(BRANCH)?.length ?? 0) + (code.match(BODY)?.length ?? 0);
}
