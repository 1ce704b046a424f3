/**
 * "Factory: Show a Task's Changes" (factory.showTaskDiff; the dashboard's task board and
 * blueprint.md's task lenses call it with {runId, taskId}): a diff per file the task changed, its
 * bytes before the task (the run's snapshot, from the journal and blobs) against the file now. A task
 * that changed several files: pick one, or open each. Without arguments: pick the run, then the task.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ChangedFile } from '../core/pipeline/inline/taskChanges';
import type { CommandOutcome } from './outcome';

export const PRE_IMAGE_SCHEME = 'factory-preimage';
const COMMAND = 'factory.showTaskDiff';
const ALL = '$(files) Open each file';

interface TaskDiffArgs {
  runId: string;
  taskId: string;
  /** The run's workspace folder; default: the workspace folder that has the run. */
  folder?: vscode.Uri;
  /** Only this file (workspace-relative, with /). */
  file?: string;
}

/** A file's bytes before a task, read from the run's blobs (read-only documents). */
class PreImages implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const blob = q.get('blob');
    if (!blob) return '';
    const { RunFolder } = await import('../core/pipeline/journal/runFolder.js');
    const { decodeText } = await import('../core/patch/encoding.js');
    const decoded = decodeText(new RunFolder(q.get('folder') ?? '', q.get('run') ?? '').getBlob(blob));
    return decoded.ok ? decoded.text : `(not shown: ${decoded.reason})`;
  }
}

export function registerTaskDiff(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PRE_IMAGE_SCHEME, new PreImages()),
    vscode.commands.registerCommand(COMMAND, (given: unknown) => showTaskDiff(given)),
  );
}

async function showTaskDiff(given: unknown): Promise<CommandOutcome> {
  const args = argsOf(given) ?? (await pickTask());
  if (!args) return { command: COMMAND, status: 'cancelled', detail: 'No task was chosen; no diff was opened.' };
  const folder = args.folder ?? folderOf(args.runId);
  if (!folder) return said('refused', `There is no run ${args.runId} in the open folders; no diff was opened.`);
  const { readJournal } = await import('../core/pipeline/journal/journal.js');
  const { RunFolder } = await import('../core/pipeline/journal/runFolder.js');
  const { changedFiles, taskImages } = await import('../core/pipeline/inline/taskChanges.js');
  const run = new RunFolder(folder.fsPath, args.runId);
  if (!run.exists()) return said('refused', `There is no run ${args.runId} in ${folder.fsPath}; no diff was opened.`);
  const images = taskImages(readJournal(run.journalFile), args.taskId);
  if (!images) return said('idle', `Task ${args.taskId} of run ${args.runId} has not started, so it changed nothing yet.`);
  let changed: ChangedFile[];
  try {
    changed = await changedFiles(run, images);
  } catch (e) {
    return said('failed', `The files of task ${args.taskId} before it ran could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (args.file !== undefined) changed = changed.filter((c) => c.path === args.file);
  if (changed.length === 0) {
    const detail = `Task ${args.taskId} of run ${args.runId} leaves ${args.file ?? 'its files'} as they were before it (it changed nothing, or was rolled back).`;
    void vscode.window.showInformationMessage(`Factory: ${detail}`);
    return said('idle', detail);
  }
  let open = changed;
  if (changed.length > 1) {
    const pick = await vscode.window.showQuickPick([{ label: ALL, file: undefined }, ...changed.map((c) => ({ label: c.path, description: c.blob === null ? 'created by the task' : c.exists ? 'changed' : 'removed', file: c }))], {
      title: `Factory: what ${args.taskId} changed`,
      placeHolder: `${changed.length} files; pick one, or open each`,
    });
    if (!pick) return said('cancelled', 'No file was chosen; no diff was opened.');
    open = pick.file ? [pick.file] : changed;
  }
  for (const c of open) await openDiff(folder, args, c);
  return said('done', `Opened what task ${args.taskId} changed: ${open.map((c) => c.path).join(', ')}.`, join(folder.fsPath, open[0]?.path ?? ''));
}

async function openDiff(folder: vscode.Uri, args: TaskDiffArgs, c: ChangedFile): Promise<void> {
  const side = (blob: string | null, label: string): vscode.Uri =>
    vscode.Uri.from({ scheme: PRE_IMAGE_SCHEME, path: `/${c.path}`, query: new URLSearchParams({ folder: folder.fsPath, run: args.runId, blob: blob ?? '', label }).toString() });
  const before = side(c.blob, 'before');
  const now = c.exists ? vscode.Uri.joinPath(folder, ...c.path.split('/')) : side(null, 'removed');
  await vscode.commands.executeCommand('vscode.diff', before, now, `${c.path} (${args.taskId}: before the task ↔ now)`, { preview: false });
}

function argsOf(given: unknown): TaskDiffArgs | undefined {
  if (typeof given !== 'object' || given === null) return undefined;
  const g = given as Record<string, unknown>;
  if (typeof g.runId !== 'string' || typeof g.taskId !== 'string' || !/^[A-Za-z0-9._-]+$/.test(g.runId)) return undefined;
  return {
    runId: g.runId,
    taskId: g.taskId,
    ...(g.folder instanceof vscode.Uri && { folder: g.folder }),
    ...(typeof g.folder === 'string' && { folder: vscode.Uri.file(g.folder) }),
    ...(typeof g.file === 'string' && { file: g.file }),
  };
}

function folderOf(runId: string): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => existsSync(join(f.uri.fsPath, '.factory', 'runs', runId, 'journal.jsonl')))?.uri;
}

/** Without arguments: a run of the first folder that changed files, newest first, then one of its started tasks. */
async function pickTask(): Promise<TaskDiffArgs | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return undefined;
  const { listRuns } = await import('../core/pipeline/runRow.js');
  const runs = listRuns(folder.fsPath).filter((r) => r.mode !== 'audit').reverse();
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('Factory: this folder has no Build or Update run whose changes could be shown.');
    return undefined;
  }
  const run = await vscode.window.showQuickPick(
    runs.map((r) => ({ label: r.id, description: `${r.mode} · ${r.state.replace('_', ' ')}`, detail: r.request, id: r.id })),
    { title: "Factory: Show a Task's Changes", placeHolder: 'Which run? Newest first.', matchOnDetail: true },
  );
  if (!run) return undefined;
  const { readJournal } = await import('../core/pipeline/journal/journal.js');
  const { RunFolder } = await import('../core/pipeline/journal/runFolder.js');
  const { startedTasks } = await import('../core/pipeline/inline/taskChanges.js');
  const tasks = startedTasks(readJournal(new RunFolder(folder.fsPath, run.id).journalFile));
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage(`Factory: no task of run ${run.id} has started, so none changed a file.`);
    return undefined;
  }
  const task = await vscode.window.showQuickPick(tasks, { title: `Factory: a task of run ${run.id}`, placeHolder: 'Which task?' });
  return task ? { runId: run.id, taskId: task, folder } : undefined;
}

function said(status: CommandOutcome['status'], detail: string, target?: string): CommandOutcome {
  return { command: COMMAND, status, detail, ...(target && { target }) };
}
