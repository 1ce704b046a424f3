/**
 * The project files a test runner's failure output points at: a TAP `location:`, a stack frame, a
 * pytest node id, a jest header. UPDATE shows these to the implementer beside a regression, so it can
 * read the old test that broke (it is not one of the task's files, so no request shows it otherwise).
 */
import { isAbsolute, relative, sep } from 'node:path';
import { checkPatchPath } from '../../blocks/safePath';

/** A path-like word (not the tail of a longer one such as `node:internal/…`) ending in a file extension, followed by `:line`, `::` (pytest), a quote, a bracket or the end of the word. */
const PATH = /(?<![\w:./\\-])(?:file:\/\/)?((?:[A-Za-z]:)?[^\s'"`()<>[\]{}|,;=:]*[\w-]\.[A-Za-z][A-Za-z0-9]{0,5})(?=:\d|::|['")\]\s,]|$)/gm;

/** Workspace-relative paths named in `output`, in order of first mention; none outside `root`, under node_modules, or that a model may not read. */
export function filesNamedIn(output: string, root: string): string[] {
  const found: string[] = [];
  for (const m of output.matchAll(PATH)) {
    const raw = m[1] ?? '';
    const rel = isAbsolute(raw) ? relative(root, raw).split(sep).join('/') : raw.replace(/\\/g, '/');
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
    const checked = checkPatchPath(rel);
    if (!checked.ok || checked.path.split('/').includes('node_modules') || found.includes(checked.path)) continue;
    found.push(checked.path);
  }
  return found;
}
