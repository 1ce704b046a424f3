/**
 * Lexical checks on a path written by a model, before anything touches the disk. Shared by the patch
 * engine and the DaC schemas (paths in `files`, findings), which is why it sits below both. The host adds the
 * checks that need the file system (links that leave the workspace).
 */
import { protectedName } from './protectedNames';

export type SafePath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Normalises a workspace-relative path (`./a/b`, `a\b` and `a//b` all become `a/b`) or refuses it:
 * absolute, drive-letter, UNC and home-relative paths, `..` anywhere, control characters, paths naming
 * a folder, and the protected names of blocks/protectedNames (`.git`, `.factory`, editor and tool
 * settings) at any depth and in any spelling a file system reads as them.
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
  for (const [i, segment] of parts.entries()) {
    const hit = protectedName(segment);
    if (!hit) continue;
    const what = i < parts.length - 1 ? `is inside ${hit.name}/` : hit.name.startsWith('*') ? `is a ${hit.name} file` : `is ${hit.name}`;
    const how = hit.disguise ? ` ("${segment}" is ${hit.name}: ${hit.disguise})` : '';
    return {
      ok: false,
      reason: `the path "${raw}" ${what}${how}, which Factory never lets a model write: ${hit.why}. Leave this file out of the reply; if it must change, say what to change and the person will do it`,
    };
  }
  return { ok: true, path: parts.join('/') };
}
