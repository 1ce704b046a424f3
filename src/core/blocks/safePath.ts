/**
 * Lexical checks on a path written by a model, before anything touches the disk. Shared by the patch
 * engine and the DaC schemas (paths in `files`, findings), which is why it sits below both. The host adds the
 * checks that need the file system (links that leave the workspace).
 */
export type SafePath = { ok: true; path: string } | { ok: false; reason: string };

/** Folders a model must never write into: version control, and Factory's own run state. */
const FORBIDDEN_DIRS = new Set(['.git', '.factory']);

/**
 * Normalises a workspace-relative path (`./a/b`, `a\b` and `a//b` all become `a/b`) or refuses it:
 * absolute, drive-letter, UNC and home-relative paths, `..` anywhere, `.git` and `.factory`
 * at any depth, control characters, and paths naming a folder.
 */
export function checkPatchPath(raw: string): SafePath {
  const refuse = (why: string): SafePath => ({
    ok: false,
    reason: `the path "${raw}" ${why}; use a path relative to the workspace root, with /, inside the workspace`,
  });
  if (!raw) return refuse('is empty');
  if ([...raw].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return refuse('contains control characters');
  // Backslashes are Windows separators as far as a model is concerned.
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/')) return refuse('is absolute');
  if (/^[A-Za-z]:/.test(p)) return refuse('has a drive letter (it is absolute)');
  if (p.startsWith('~')) return refuse('starts with ~ (a home folder)');
  if (p.endsWith('/')) return refuse('names a folder, not a file');
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0) return refuse('names the workspace itself, not a file');
  if (parts.includes('..')) return refuse('contains .. (it could leave the workspace)');
  const forbidden = parts.find((s) => FORBIDDEN_DIRS.has(s.toLowerCase()));
  if (forbidden) {
    return {
      ok: false,
      reason: `the path "${raw}" is inside ${forbidden}/, which Factory never lets a model write (${forbidden === '.git' ? 'version control' : "Factory's own run state"})`,
    };
  }
  // Trailing dots and spaces are silently dropped by Windows, making `.git.` mean `.git`.
  if (parts.some((s) => /[. ]$/.test(s) && FORBIDDEN_DIRS.has(s.replace(/[. ]+$/, '').toLowerCase()))) {
    return refuse('disguises a protected folder');
  }
  return { ok: true, path: parts.join('/') };
}
