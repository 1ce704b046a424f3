/**
 * Reads the line that names a block's file (parseBlocks finds it: the nearest line above the SEARCH
 * line, or above the fence holding the block, that is not blank). The rule:
 *
 * 1. Decoration is peeled off, repeatedly: a heading `#`, a list bullet or number, a quote `>`, a
 *    comment leader followed by a space (`//`, `#`, `--`, `;`, `%`) or around the path (`/* *\/`,
 *    `<!-- -->`), a label ending in `:` whose last word is file/path/name/… (`**File:**`, `New file:`),
 *    bold or italic around the whole line, a trailing `:`, a `:12` line number, a note such as
 *    `(new file)` or `— new file`, and a leading emoji.
 * 2. What is wrapped whole in backticks or quotes (`` ` ``, `"`, `'`, “ ”, ‘ ’, « ») is the path as
 *    written, spaces and all. A Markdown link `[text](target)` names its target (percent-escapes
 *    decoded); a link to a URL is not a workspace path.
 * 3. What remains is one path when it reads as one: it has a folder (`/` or `\`) or an extension, or
 *    is a well-known file without one (README, Makefile, LICENSE, …); it has a letter or digit, no
 *    backtick, none of `< > : " | ? *` (no file name can hold them on every system), no invisible or
 *    control characters, and does not end in `.`, `,`, `;` or `!`.
 * 4. Unquoted, a path may have spaces only when it still reads as a path and not as a sentence: its
 *    last part has an extension (or is a well-known name), every word has a letter or digit, there is
 *    no sentence punctuation (`, ` `. ` `: ` `; ` `!` `?`), and no word without a `/` or `.` is an
 *    English function word, edit verb or code keyword (proseWords.ts), and the line did not end in
 *    `:` (`Update src/a.ts:` introduces the block). `my dir/a b.txt` is a path; `Update the config in
 *    src/a.ts` and `# Install deps` are not. Prose in other languages is only caught by that colon.
 *
 * A line that is not one path is refused (parseBlocks says what was expected); a file name is never
 * made up from a sentence or a line of code.
 */
import { isProseWord } from './proseWords';

export type PathLine = { ok: true; path: string } | { ok: false; why: string };

const MAX_PATH = 400;
const LEADERS = [
  /^#{1,6}[ \t]+/, // Markdown heading, or a shell/Python comment
  /^(?:\/\/+|--|;+|%+)[ \t]+/, // comment leaders
  /^>[ \t]*/, // block quote
  /^[-*+][ \t]+/, // bullet
  /^\d{1,3}[.)][ \t]+/, // numbered item
  /^\p{Extended_Pictographic}\uFE0F?[ \t]*/u, // 📄 src/a.ts
];
const AROUND = [/^\/\*+[ \t]*(.*?)[ \t]*\*+\/$/, /^<!--[ \t]*(.*?)[ \t]*-->$/];
const LABEL_WORDS = 'file|files|filename|filepath|path|name|location|target|source|edit|update|create|modify|change|changes|patch|new|modified|updated|created|changed|edited';
const LABEL = new RegExp(`^(\\*\\*|__|\\*|_)?(?:[\\p{L}]+[ \\t]+){0,2}(?:${LABEL_WORDS})(?:\\1)?[ \\t]*:(?:\\1)?[ \\t]+`, 'iu');
const NOTES = 'new|new file|created|updated|modified|changed|edited|excerpt|partial|continued|cont\\.?|existing|existing file|full file|whole file|entire file|complete file|rewritten|overwrite|overwritten';
const NOTE = new RegExp(`[ \\t]+(?:\\((?:${NOTES})\\)|[-\u2013\u2014]{1,2}[ \\t]+(?:${NOTES}))$`, 'i');
const LINE_NUMBER = /(?<=\.[\p{L}\p{N}_+-]+):\d+(?:[-:]\d+)?$/u;
const EMPHASIS = ['**', '__', '*', '_'];
const QUOTES: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
  ['\u00ab', '\u00bb'],
];
const LINK = /^\[(.*)\]\((.*)\)$/;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Well-known files that have no extension. */
const BARE_NAMES = new Set([
  'README', 'LICENSE', 'LICENCE', 'COPYING', 'NOTICE', 'AUTHORS', 'CONTRIBUTORS', 'CHANGELOG', 'CHANGES', 'CODEOWNERS', 'OWNERS',
  'MAINTAINERS', 'VERSION', 'INSTALL', 'BUILD', 'WORKSPACE', 'Makefile', 'makefile', 'GNUmakefile', 'Dockerfile', 'Containerfile',
  'Procfile', 'Gemfile', 'Rakefile', 'Podfile', 'Brewfile', 'Vagrantfile', 'Jenkinsfile', 'Justfile', 'justfile', 'Pipfile',
  'Caddyfile', 'Tiltfile', 'Earthfile', 'Snakefile', 'Fastfile', 'Dangerfile', 'Guardfile', 'Capfile', 'Berksfile', 'Thorfile',
]);

export function pathFromLine(line: string): PathLine {
  let s = line.trim();
  if (/[\p{Cc}\p{Cf}]/u.test(s)) return { ok: false, why: 'it has invisible or control characters' };
  let introduces = false;
  for (let round = 0; round < 12; round++) {
    const before = s;
    const literal = unquote(s);
    if (literal !== undefined) return literalPath(literal);
    const link = LINK.exec(s);
    if (link && !link[1].includes('](')) return linkTarget(link[2]);
    introduces ||= /[^:]:$/.test(s);
    s = peel(s);
    if (s === before) break;
  }
  // `src/a.ts:` is a path with a colon after it; `Update src/a.ts:` (spaces) introduces the block.
  if (introduces && /\s/.test(s)) return { ok: false, why: 'it reads as a sentence introducing the block' };
  return plainPath(s);
}

function peel(text: string): string {
  let s = text;
  for (const leader of LEADERS) s = s.replace(leader, '');
  for (const around of AROUND) s = s.replace(around, '$1');
  s = s.replace(LABEL, '');
  for (const mark of EMPHASIS) {
    if (s.length > 2 * mark.length && s.startsWith(mark) && s.endsWith(mark)) s = s.slice(mark.length, -mark.length);
  }
  s = s.replace(NOTE, '').replace(LINE_NUMBER, '');
  if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  return s.trim();
}

/** The text inside backticks or quotes that wrap the whole line, or undefined. */
function unquote(s: string): string | undefined {
  const ticks = /^(`+)(.+)\1$/.exec(s);
  if (ticks && !ticks[2].includes('`')) return ticks[2].trim();
  for (const [open, close] of QUOTES) {
    if (s.length > 2 && s.startsWith(open) && s.endsWith(close)) {
      const inner = s.slice(open.length, -close.length);
      if (!inner.includes(open) && !inner.includes(close)) return inner.trim();
    }
  }
  return undefined;
}

function linkTarget(raw: string): PathLine {
  let t = raw.trim().replace(/[ \t]+(?:"[^"]*"|'[^']*')$/, ''); // a link title
  if (t.startsWith('<') && t.endsWith('>')) t = t.slice(1, -1);
  if (URL_SCHEME.test(t) && !/^[A-Za-z]:[\\/]/.test(t)) return { ok: false, why: 'it links to a URL, not to a file in the workspace' };
  t = t.replace(/#.*$/, '');
  if (/%[0-9A-Fa-f]{2}/.test(t)) {
    try {
      t = decodeURIComponent(t);
    } catch {
      // Not percent-encoding after all (`100%.txt`): keep it as written.
    }
  }
  return literalPath(t.trim());
}

/** A path written inside backticks, quotes or a link: spaces are part of it. */
function literalPath(s: string): PathLine {
  const common = commonProblem(s);
  if (common) return { ok: false, why: common };
  if (!readsAsPath(s, true)) {
    return { ok: false, why: 'a word without a folder or an extension is not taken for a file name; for a file at the top of the workspace write ./NAME' };
  }
  return { ok: true, path: s };
}

function plainPath(s: string): PathLine {
  const common = commonProblem(s);
  if (common) return { ok: false, why: common };
  if (/^[#!=]/.test(s)) return { ok: false, why: 'it starts like a comment or code' };
  if (/\s/.test(s)) {
    if (/[,;:.!?][ \t]|[!?]/.test(s)) return { ok: false, why: 'it reads as a sentence' };
    const words = s.split(/\s+/);
    if (words.some((w) => !/[\p{L}\p{N}_]/u.test(w))) return { ok: false, why: 'it reads as code' };
    if (words.some((w) => !/[./\\]/.test(w) && isProseWord(w))) return { ok: false, why: 'it reads as a sentence' };
    if (!readsAsPath(s, false)) return { ok: false, why: 'it has spaces and its last part has no extension' };
    return { ok: true, path: s };
  }
  if (!readsAsPath(s, true)) return { ok: false, why: 'it has no folder and no extension' };
  return { ok: true, path: s };
}

function commonProblem(s: string): string | undefined {
  if (!s) return 'it is empty';
  if (s.length > MAX_PATH) return 'it is too long';
  if (s.includes('`')) return 'it holds a backtick';
  if (URL_SCHEME.test(s) && s.includes('://')) return 'it is a URL, not a file in the workspace';
  // `C:\x` is let through so that the path check refuses it by name (absolute).
  const rest = /^[A-Za-z]:[\\/]/.test(s) ? s.slice(2) : s;
  if (/[<>:"|?*]/.test(rest)) return 'it has characters a file name cannot have (< > : " | ? *)';
  if (!/[\p{L}\p{N}_]/u.test(s)) return 'it has no letter or digit';
  if (/[.,;!]$/.test(s)) return 'it ends with punctuation';
  return undefined;
}

/**
 * A folder separator or an extension, or a well-known bare name. With spaces (`folderAlone` false)
 * a folder is not enough: the last part must have an extension or be a well-known name.
 */
function readsAsPath(s: string, folderAlone: boolean): boolean {
  const last = s.split(/[\\/]/).pop() ?? '';
  if (BARE_NAMES.has(last)) return true;
  if (/\.[\p{L}\p{N}_+-]+$/u.test(last) && /[\p{L}\p{N}_]/u.test(last)) return true;
  // `src/` names a folder: let the path check refuse it by name.
  return folderAlone && /[\\/]/.test(s);
}
