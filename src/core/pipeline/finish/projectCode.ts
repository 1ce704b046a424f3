/**
 * All code of the project as code QC sees it: the files the blueprint's tasks own, read from disk
 * when the request is built (never from an earlier copy). Whole files, sources before tests, up to
 * a budget; the files past it are listed by path and size so QC knows they exist.
 */
import type { Blueprint } from '../../protocol';
import type { WorkspacePort } from '../../ports';

/** About 40k tokens of code: enough for the projects a run builds, small enough for any model. */
export const CODE_BUDGET_CHARS = 160_000;

export interface ProjectCode {
  /** The text for the request: each shown file with numbered lines, then the list of the rest. */
  text: string;
  /** Line counts of the files read (shown or not), for checking that findings name real lines. */
  lines: ReadonlyMap<string, number>;
  shown: string[];
  listed: string[];
  missing: string[];
}

export async function readProjectCode(workspace: WorkspacePort, bp: Blueprint, budget = CODE_BUDGET_CHARS): Promise<ProjectCode> {
  const tests = new Set(bp.tasks.flatMap((t) => t.tests));
  const all = [...new Set(bp.tasks.flatMap((t) => t.files))];
  const ordered = [...all.filter((f) => !tests.has(f)), ...all.filter((f) => tests.has(f))];
  const lines = new Map<string, number>();
  const parts: string[] = [];
  const shown: string[] = [];
  const listed: Array<{ path: string; chars: number }> = [];
  const missing: string[] = [];
  let used = 0;
  for (const path of ordered) {
    const read = await workspace.read(path);
    if (read.kind !== 'text') {
      missing.push(path);
      continue;
    }
    const { body, lines: count } = numberedFile(path, read.text);
    lines.set(path, count);
    if (used + body.length > budget) {
      listed.push({ path, chars: read.text.length });
      continue;
    }
    used += body.length;
    parts.push(body);
    shown.push(path);
  }
  if (listed.length) parts.push(`## Not shown (over the size budget)\n\n${listed.map((l) => `- ${l.path} (${l.chars} characters)`).join('\n')}\n`);
  if (missing.length) parts.push(`## Owned by a task but not on disk\n\n${missing.map((m) => `- ${m}`).join('\n')}\n`);
  return { text: `# The project's code\n\n${parts.join('\n')}`, lines, shown, listed: listed.map((l) => l.path), missing };
}

/**
 * A file as a request shows it: a heading with its path, then its lines numbered (`12| code`).
 * Findings name lines, and counting them by eye is where models slip.
 */
export function numberedFile(path: string, text: string): { body: string; lines: number } {
  const fileLines = text.split('\n');
  if (fileLines[fileLines.length - 1] === '') fileLines.pop();
  const width = String(fileLines.length).length;
  const body = `## ${path}\n\n\`\`\`\n${fileLines.map((l, i) => `${String(i + 1).padStart(width)}| ${l}`).join('\n')}\n\`\`\`\n`;
  return { body, lines: fileLines.length };
}
