/** The change a task made: a unified diff of its files from their pre-task images to now, for the gates. */
import { createTwoFilesPatch } from 'diff';
import type { RunContext } from '../runContext';
import type { FileImage } from '../workspace/snapshot';

/** A gate sees at most this much diff; the rest is cut with a note (the files are in the task part in full). */
const DIFF_CHARS = 40_000;

export async function taskDiff(ctx: RunContext, before: readonly FileImage[]): Promise<string> {
  const parts: string[] = [];
  for (const image of before) {
    const old = image.blob === null ? null : ctx.folder.getBlob(image.blob).toString('utf8');
    const read = await ctx.workspace.read(image.path);
    const now = read.kind === 'text' ? read.text : null;
    if (old === now) continue;
    const patch = createTwoFilesPatch(old === null ? '/dev/null' : `a/${image.path}`, now === null ? '/dev/null' : `b/${image.path}`, old ?? '', now ?? '', '', '', { context: 3 });
    // Empty headers leave a tab after each file name.
    parts.push(patch.replace(/^=+\n/, '').replace(/^((?:---|\+\+\+) [^\n]*?)\s+$/gm, '$1').trimEnd());
  }
  if (parts.length === 0) return '(the task changed no file)';
  const all = parts.join('\n');
  return all.length <= DIFF_CHARS ? all : `${all.slice(0, DIFF_CHARS)}\n[… ${all.length - DIFF_CHARS} more characters of diff not shown; the files are shown in full above]`;
}
