import * as vscode from 'vscode';
import type { FileEncoding } from '../core/patch/encoding';

/**
 * A file as a text document that VS Code reads exactly as the engine did, so a change to it can be a
 * text edit: VS Code's Undo gives a text edit's old text back, whereas the undo of a whole-file write
 * (a create that overwrote the file) deletes the file. Files VS Code cannot read as the engine does
 * (a UTF-16 file with an odd last byte, a file that mixes encodings, mixed line ends that VS Code
 * would unify) stay whole-byte writes.
 */

/** VS Code's name of the engine's encoding; undefined when VS Code cannot hold the file's bytes as text. */
export function vscodeEncoding(e: FileEncoding): string | undefined {
  if (e.mixed !== undefined || e.oddByte !== undefined) return undefined;
  return { utf8: 'utf8', 'utf8-bom': 'utf8bom', utf16le: 'utf16le', utf16be: 'utf16be', latin1: 'iso88591' }[e.name];
}

/** The one line end a text uses; 'none' without line breaks; undefined when it mixes them (VS Code would unify them). */
export function lineEndOf(text: string): vscode.EndOfLine | 'none' | undefined {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const breaks = (text.match(/\r\n|\r|\n/g) ?? []).length;
  if (breaks === 0) return 'none';
  if (crlf === breaks) return vscode.EndOfLine.CRLF;
  return (text.match(/\n/g) ?? []).length === breaks ? vscode.EndOfLine.LF : undefined;
}

/**
 * The file at `uri` opened in `encoding`, when its text there is `text` (what the engine read) and a
 * non-dirty document; undefined otherwise, or when it cannot be opened as text.
 */
export async function sameTextDocument(uri: vscode.Uri, encoding: string, text: string): Promise<vscode.TextDocument | undefined> {
  const doc = await vscode.workspace.openTextDocument(uri, { encoding }).then(
    (d) => d,
    () => undefined,
  );
  return doc && !doc.isDirty && doc.encoding === encoding && doc.getText() === text ? doc : undefined;
}

/**
 * Puts the edit that makes `doc` hold `after` into `edit`: its whole text replaced, and its line end
 * set to `after`'s; false when `after` mixes line ends (a text edit would not keep them).
 */
export function replaceWholeText(edit: vscode.WorkspaceEdit, doc: vscode.TextDocument, after: string, meta: vscode.WorkspaceEditEntryMetadata): boolean {
  const eol = lineEndOf(after);
  if (eol === undefined) return false;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const edits: Array<[vscode.TextEdit, vscode.WorkspaceEditEntryMetadata]> = [[vscode.TextEdit.replace(whole, after), meta]];
  if (eol !== 'none' && eol !== doc.eol) edits.push([vscode.TextEdit.setEndOfLine(eol), meta]);
  edit.set(doc.uri, edits);
  return true;
}
