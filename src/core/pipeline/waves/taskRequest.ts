/**
 * What each call of a task sees (DESIGN.md, "What each call sees"): the task part (the task, its
 * acceptance criteria and its files in full, read from disk when the request is built, the files
 * of the tasks it depends on for reference, and a map of the project's other files) comes after
 * the blueprint, so a task's calls share a long prefix; the fresh part holds the step's
 * instructions and, on a retry, the evidence of the failure.
 */
import { join } from 'node:path';
import { recon } from '../../codemap/recon';
import type { Blueprint, BlueprintTask } from '../../protocol';
import { renderNamedPrompt } from '../../prompts/load';
import type { WorkspacePort } from '../../ports';
import type { BlockNote, GateFinding, TrapNote } from './notes';
import { filesNamedIn } from './namedFiles';

/** Files of the tasks a task depends on are shown up to this many characters in all; beyond, by path only. */
const CONTEXT_BUDGET = 60_000;
/** Tokens the map of the project's other files may take in a task's request. */
export const MAP_BUDGET_TOKENS = 2_000;

/** The code map's parse cache: in the engine's folder, never a project file. */
export function codemapCacheFile(root: string): string {
  return join(root, '.factory', 'cache', 'codemap.json');
}

export async function taskText(workspace: WorkspacePort, bp: Blueprint, task: BlueprintTask): Promise<string> {
  const own = await Promise.all(task.files.map((f) => showFile(workspace, f)));
  const deps = bp.tasks.filter((t) => task.depends_on.includes(t.id));
  const depFiles = [...new Set(deps.flatMap((t) => t.files))].filter((f) => !task.files.includes(f));
  const shown: string[] = [];
  const listed: string[] = [];
  let used = 0;
  for (const f of depFiles) {
    const text = await showFile(workspace, f, false);
    if (used + text.length <= CONTEXT_BUDGET) {
      shown.push(text);
      used += text.length;
    } else listed.push(f);
  }
  // Files shown in full above are not mapped again; listed dependency files are (by their symbols).
  const inFull = [...task.files, ...depFiles.filter((f) => !listed.includes(f))];
  const projectMap = await recon(workspace.root, { budgetTokens: MAP_BUDGET_TOKENS, cacheFile: codemapCacheFile(workspace.root), shownInFull: inFull });
  const context = depFiles.length
    ? renderNamedPrompt('task.context', {
        depends_on: deps.map((t) => t.id).join(', '),
        files: shown.join('\n\n'),
        listed: listed.length ? `Not shown, to keep this short: ${listed.join(', ')}\n` : '',
      })
    : '';
  return renderNamedPrompt('task', {
    id: task.id,
    title: task.title,
    assignee: task.assignee ?? 'ceo',
    depends_on: task.depends_on.length ? task.depends_on.join(', ') : 'none',
    acceptance: task.acceptance.map((a) => `- ${a}`).join('\n'),
    files: task.files.join(', '),
    tests: task.tests.join(', '),
    file_contents: own.join('\n\n'),
    // The dependencies' files, then the map of the rest (each only when there is something to show).
    context: [context.trimEnd(), projectMap.map ? renderNamedPrompt('task.map', { map: projectMap.map }) : ''].filter((s) => s).join('\n\n'),
  }).trimEnd();
}

/** One file, as it is now, fenced so its own backticks cannot close the fence. `own`: the task may write it. */
export async function showFile(workspace: WorkspacePort, path: string, own = true): Promise<string> {
  const read = await workspace.read(path);
  if (read.kind === 'missing') return `### ${path}\n${own ? '(does not exist yet; create it with an empty SEARCH)' : '(does not exist)'}`;
  if (read.kind === 'refused') return `### ${path}\n(cannot be shown: ${read.reason})`;
  return `### ${path}\n${fenced(read.text)}`;
}

export function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${fence}`;
}

/** The evidence of the last failed attempt, for the retry request; `files`: the files it points at (regressionFiles), shown after it. */
export function retryText(trap: TrapNote | undefined, limit: number, files = ''): string {
  if (trap === undefined) return '';
  const evidence = files ? `${evidenceText(trap)}\n\n${renderNamedPrompt('task.retry_files', { files }).trimEnd()}` : evidenceText(trap);
  return renderNamedPrompt('task.retry', { attempt: trap.attempt + 1, max_attempts: limit, evidence });
}

/** Characters of the files a regression points at shown in a retry, in all. */
const REGRESSION_FILES_BUDGET = 20_000;

/**
 * UPDATE: after the project's suite regressed, the files its failures point at (the old tests, and
 * code outside the task they call), as they are now: the task's own files are shown already. '' when
 * the trap is not a regression or names no readable file.
 */
export async function regressionFiles(workspace: WorkspacePort, task: BlueprintTask, trap: TrapNote | undefined): Promise<string> {
  if (trap?.regressions === undefined || trap.command === undefined) return '';
  const shown: string[] = [];
  let used = 0;
  for (const path of filesNamedIn(trap.command.digest, workspace.root).filter((f) => !task.files.includes(f))) {
    const read = await workspace.read(path);
    if (read.kind !== 'text') continue;
    const text = `### ${path}\n${fenced(read.text)}`;
    if (used + text.length > REGRESSION_FILES_BUDGET) break;
    shown.push(text);
    used += text.length;
  }
  return shown.join('\n\n');
}

const PHASE_NAMES: Record<TrapNote['phase'], string> = {
  tests: 'the tests phase (its reply)',
  red: 'RED (the run of the new tests)',
  implementation: 'the implementation phase (its reply)',
  green: 'GREEN (the run of the tests after the implementation)',
  refactor: 'the refactor (the run of the tests after it)',
  gates: 'the gates (bug capture, schema, security)',
};

export function evidenceText(trap: TrapNote): string {
  const parts = [`Failed at: ${PHASE_NAMES[trap.phase]}`, `Why: ${trap.why}`];
  if (trap.command) {
    const c = trap.command;
    const how = c.spawnError ?? (c.timedOut ? 'timed out' : `exit code ${c.exitCode ?? 'none (killed)'}`);
    parts.push(`Command: ${c.argv.join(' ')} (${how})`, `Output (trimmed to what matters):\n${fenced(c.digest)}`);
  }
  const refused = trap.refused.filter((b) => b.status === 'refused');
  const failed = trap.refused.filter((b) => b.status === 'failed');
  if (refused.length) parts.push(`Blocks refused (not written):\n${refused.map(blockLine).join('\n')}`);
  if (failed.length) parts.push(`Blocks that did not apply:\n${failed.map(blockLine).join('\n')}`);
  if (trap.findings.length) parts.push(`Gate findings:\n${trap.findings.map(findingLine).join('\n')}`);
  return parts.join('\n\n');
}

function blockLine(b: BlockNote): string {
  return `- ${b.phase} block ${b.block} (${b.path}): ${b.why}`;
}

function findingLine(f: GateFinding): string {
  return `- ${f.gate} [${f.severity}]${f.where ? ` ${f.where}:` : ''} ${f.issue}${f.fix ? ` (fix: ${f.fix})` : ''}`;
}
