/**
 * Recognises the line naming a block's file. Models decorate it (`**src/a.ts**`, `` `src/a.ts` ``,
 * `### src/a.ts`, `File: src/a.ts`, `src/a.ts:`); the decoration is removed. Prose is not mined for a
 * path: a line with spaces is a path only when it is wrapped in backticks, and code-looking lines
 * (brackets, quotes, operators) are never paths.
 */
const LABEL = /^(?:file|path|filename|filepath)\s*:\s*/i;
const HEADING = /^#{1,6}\s+/;
const BULLET = /^[-*+]\s+/;
// Brackets and parentheses stay allowed: routes like `app/[slug]/page.tsx` and `(auth)/login.tsx`.
const CODE_CHARS = /[{};=,"'|?*<>!&^%]/;
const HAS_NAME_CHAR = /[A-Za-z0-9_]/;

export function pathFromLine(line: string): string | undefined {
  let s = line.trim();
  if (!s) return undefined;
  s = s.replace(HEADING, '').replace(BULLET, '');
  for (let changed = true; changed; ) {
    changed = false;
    const before = s;
    s = s.replace(LABEL, '').trim();
    s = unwrap(s, '**') ?? unwrap(s, '__') ?? s;
    if (s.endsWith(':')) s = s.slice(0, -1).trim();
    changed = s !== before;
  }
  const ticked = unwrap(s, '`');
  if (ticked !== undefined) return looksLikePath(ticked, true) ? ticked : undefined;
  return looksLikePath(s, false) ? s : undefined;
}

function unwrap(s: string, mark: string): string | undefined {
  return s.length > 2 * mark.length && s.startsWith(mark) && s.endsWith(mark) ? s.slice(mark.length, -mark.length).trim() : undefined;
}

function looksLikePath(s: string, quoted: boolean): boolean {
  if (!s || s.length > 400) return false;
  if (!quoted && /\s/.test(s)) return false;
  if (s.includes('`') || CODE_CHARS.test(s)) return false;
  if (!HAS_NAME_CHAR.test(s)) return false;
  // A bare word without a dot or slash ("Changes") is prose, except well-known extensionless files.
  return quoted || s.includes('.') || s.includes('/') || s.includes('\\') || KNOWN_BARE.has(s);
}

const KNOWN_BARE = new Set(['Makefile', 'Dockerfile', 'Procfile', 'Gemfile', 'Rakefile', 'LICENSE', 'Jenkinsfile', 'Containerfile']);
