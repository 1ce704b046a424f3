/**
 * Blueprint commands (core.commands) are split into words as a POSIX shell would, then run WITHOUT
 * a shell. Word splitting and quote removal come from shell-quote; everything a shell would do
 * beyond that (operators, redirections, substitutions, globs, comments, `~`) is refused with the
 * reason, because running it literally would silently mean something else.
 */
import { parse } from 'shell-quote';

/** A command line split as a POSIX shell would split words (quotes, backslashes), refusing what needs a shell. */
export type SplitResult = { ok: true; argv: string[] } | { ok: false; reason: string };

const ADVICE = 'write one command, or put the pipeline in a script file the task owns';
const needsShell = (what: string) => `run without a shell: ${what} needs a shell; ${ADVICE}`;

/** What each operator is, for the refusal message. */
const OPERATOR_NAMES: Record<string, string> = {
  '|': 'a pipe',
  '||': 'an or-list',
  '&&': 'an and-list',
  ';': 'a command separator',
  ';;': 'a case terminator',
  '&': 'a background job',
  '|&': 'a pipe',
  '(': 'a subshell',
  ')': 'a subshell',
  '<(': 'process substitution',
  '>(': 'process substitution',
};

type Quote = 'none' | 'single' | 'double';

/**
 * The first thing in `line` that a shell would act on beyond word splitting and quote removal,
 * judged with each character's quoting (shell-quote does not report quoting, and reads some of
 * these loosely: an escaped `*` as a glob, `a#b` as a comment). Operators are left to shell-quote.
 */
function firstShellFeature(line: string): string | undefined {
  let quote: Quote = 'none';
  let words = 0; // words started so far
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === 'none' && c !== ' ' && c !== '\t' && !inWord) {
      inWord = true;
      words++;
      if (words === 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(line.slice(i))) return 'an environment assignment before the program (`NAME=value cmd`)';
      if (c === '~') return 'home-directory expansion `~`';
    }
    if (quote === 'single') {
      if (c === "'") quote = 'none';
      continue;
    }
    if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined || next === '\n' || next === '\r') return 'a backslash at the end of a line (line continuation)';
      // Unquoted, a backslash makes the next character literal; in double quotes only before $ ` " \.
      if (quote === 'none' || next === '$' || next === '`' || next === '"' || next === '\\') i++;
      continue;
    }
    if (c === '`') return 'command substitution with backticks (`…`)';
    if (c === '$') return line[i + 1] === '(' ? 'command substitution `$(…)`' : 'variable substitution `$…`';
    if (quote === 'double') {
      if (c === '"') quote = 'none';
      continue;
    }
    if (c === '"') quote = 'double';
    else if (c === "'") quote = 'single';
    else if (c === ' ' || c === '\t') inWord = false;
    else if (c === '\n' || c === '\r') return 'a line break (it separates commands)';
    else if (c === '*' || c === '?' || c === '[') return `the glob \`${c}\` (a pattern the shell expands to file names)`;
    else if (c === '#') return 'a comment `#` (quote it if it is part of an argument)';
    else if (c === '{' && /^\{[^}\s]*,[^}\s]*\}/.test(line.slice(i))) return 'brace expansion `{a,b}`';
  }
  return undefined;
}

/** Whether the line ends inside a quote. */
function unterminatedQuote(line: string): '"' | "'" | undefined {
  let quote: Quote = 'none';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === 'single') {
      if (c === "'") quote = 'none';
    } else if (c === '\\') i++;
    else if (quote === 'double') {
      if (c === '"') quote = 'none';
    } else if (c === '"') quote = 'double';
    else if (c === "'") quote = 'single';
  }
  return quote === 'double' ? '"' : quote === 'single' ? "'" : undefined;
}

/** Splits one command line into argv, or says why it cannot run without a shell. */
export function splitCommand(line: string): SplitResult {
  const empty = { ok: false as const, reason: 'the command is empty: write the program and its arguments, e.g. "npm test"' };
  if (!line.trim()) return empty;
  const open = unterminatedQuote(line);
  if (open) return { ok: false, reason: `unterminated quote: a ${open} is opened and never closed in ${JSON.stringify(line)}` };
  const feature = firstShellFeature(line);
  if (feature) return { ok: false, reason: needsShell(feature) };
  const words: string[] = [];
  // No `$` is left (refused above), so the environment shell-quote substitutes from is never read.
  for (const entry of parse(line, {})) {
    if (typeof entry === 'string') words.push(entry);
    else if ('op' in entry && entry.op === 'glob') words.push(entry.pattern); // escaped or quoted: literal text
    else if ('op' in entry) {
      const what = OPERATOR_NAMES[entry.op] ?? (/[<>]/.test(entry.op) ? 'a redirection' : 'an operator');
      return { ok: false, reason: needsShell(`\`${entry.op}\` (${what})`) };
    } else return { ok: false, reason: needsShell('a comment `#`') };
  }
  return words.length ? { ok: true, argv: words } : empty;
}
