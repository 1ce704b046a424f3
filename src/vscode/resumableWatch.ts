/**
 * Keeps `factory.canResume` true to the folder's runs while VS Code is open: a run the CLI stopped
 * (or one started, ended or removed outside VS Code) changes a journal under .factory/runs/, which a
 * file watcher sees; the window regaining focus reads them again too, in case the watcher missed it.
 * While a Factory run goes in VS Code its own end re-reads them, so its journal's writes are ignored.
 */
import * as vscode from 'vscode';
import type { ContextKeys } from './contextKeys';

/** Journal writes come in bursts (a CLI run writes many a second): the runs are read once they settle. */
const SETTLE_MS = 500;

const RUNS_GLOB = '{.factory,.factory/runs,.factory/runs/*,.factory/runs/*/journal.jsonl}';

export function watchResumable(keys: ContextKeys, folder: () => vscode.Uri | undefined): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watcher: vscode.FileSystemWatcher | undefined;
  const refresh = (): void => {
    if (keys.snapshot()['factory.running']) return;
    void keys.refreshResumable(folder());
  };
  const soon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      refresh();
    }, SETTLE_MS);
  };
  const watch = (): void => {
    watcher?.dispose();
    const f = folder();
    // A removed folder is reported alone, not its files: the folders on the way are watched too.
    watcher = f ? vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f, RUNS_GLOB)) : undefined;
    watcher?.onDidCreate(soon);
    watcher?.onDidChange(soon);
    watcher?.onDidDelete(soon);
  };
  watch();
  const subscriptions = [
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      watch();
      refresh();
    }),
    vscode.window.onDidChangeWindowState((s) => s.focused && refresh()),
  ];
  return {
    dispose: () => {
      if (timer) clearTimeout(timer);
      watcher?.dispose();
      for (const s of subscriptions) s.dispose();
    },
  };
}
