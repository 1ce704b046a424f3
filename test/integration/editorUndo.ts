/** Undo and save as a person does in an editor, for the tests of what a step's WorkspaceEdit leaves. */
import * as vscode from 'vscode';
import { until } from './scriptedFactory';

/** Undo in the editor of the file at `path`; resolves once its text is as `done` wants. */
export async function undoIn(path: string, done: (text: string) => boolean): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('undo');
  await until(() => done(doc.getText()), `the undo in ${path}`, 10000).catch((e: Error) => {
    throw new Error(`${e.message}; it holds:\n${doc.getText()}`);
  });
  return doc;
}

/**
 * Saves as a person would after an undo. A save issued the moment the editor shows the undone text
 * can be refused while VS Code finishes the undo (seen: false, the file untouched, and the same save
 * a second later fine), so it is tried again a few times.
 */
export async function saveAfterUndo(doc: vscode.TextDocument): Promise<boolean> {
  for (let i = 0; i < 5; i++) {
    if (await doc.save()) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}
