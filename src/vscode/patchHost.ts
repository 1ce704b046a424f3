import * as vscode from 'vscode';
import { decodeText, encodeText, UTF8 } from '../core/patch/encoding';
import { FsWorkspace } from '../core/patch/fsWorkspace';
import type { FileBytes, FileChange, FileRead, WorkspacePort, WriteOutcome } from '../core/ports';

/**
 * The patch engine's host inside VS Code.
 *
 * Reading goes through the file-system host first, so links and protected names are refused exactly
 * as in the CLI, and a file's identity is known; a file with unsaved changes in an editor (open under
 * the same name or another name of the same file) is then read from the editor, so the person's edits
 * are patched, not lost. Writing is one WorkspaceEdit per step (one undo): a file with unsaved
 * changes is edited as text and saved; any other file has its whole content replaced with bytes in the
 * file's own encoding (VS Code would otherwise re-decode it with its default encoding). A file that
 * changed since it was read is not written. A rollback (restore) is one WorkspaceEdit too.
 */
export class VscodePatchHost implements WorkspacePort {
  private readonly files: FsWorkspace;

  constructor(private readonly folder: vscode.Uri) {
    this.files = new FsWorkspace(folder.fsPath);
  }

  get root(): string {
    return this.folder.fsPath;
  }

  async read(path: string): Promise<FileRead> {
    const disk = await this.files.read(path);
    if (disk.kind === 'refused') return disk;
    const doc = await this.dirtyDocument(path, disk);
    // The editor's text is saved by VS Code in the document's encoding, so the disk's limit does not apply.
    return doc ? { kind: 'text', text: doc.getText(), identity: disk.identity } : disk;
  }

  async write(changes: readonly FileChange[], label: string): Promise<WriteOutcome[]> {
    const edit = new vscode.WorkspaceEdit();
    const meta: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
    const outcomes = new Map<string, WriteOutcome>();
    const toSave: Array<{ path: string; doc: vscode.TextDocument }> = [];
    for (const c of changes) {
      // Read again (path checks, and the text to compare): the file may have changed since the engine read it.
      const disk = await this.files.read(c.path);
      if (disk.kind === 'refused') {
        outcomes.set(c.path, { path: c.path, ok: false, reason: disk.reason });
        continue;
      }
      const uri = this.uri(c.path);
      const doc = await this.dirtyDocument(c.path, disk);
      if (doc) {
        const text = doc.getText();
        if (text !== c.before) {
          outcomes.set(c.path, stale(c.path, 'was edited in the editor'));
          continue;
        }
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), c.after, meta);
        toSave.push({ path: c.path, doc });
      } else {
        if ((disk.kind === 'text' ? disk.text : null) !== c.before) {
          outcomes.set(c.path, stale(c.path, 'changed on disk'));
          continue;
        }
        const encoded = encodeText(c.after, this.files.encodingOf(c.path) ?? UTF8, c.before);
        if (!encoded.ok) {
          outcomes.set(c.path, { path: c.path, ok: false, reason: encoded.reason });
          continue;
        }
        edit.createFile(uri, { overwrite: c.before !== null, contents: encoded.bytes }, meta);
      }
      outcomes.set(c.path, { path: c.path, ok: true });
    }
    const pending = [...outcomes.values()].filter((o) => o.ok);
    if (pending.length > 0 && !(await vscode.workspace.applyEdit(edit))) {
      for (const o of pending) outcomes.set(o.path, { path: o.path, ok: false, reason: 'VS Code did not apply the edit' });
    }
    for (const { path, doc } of toSave) {
      // The engine runs tests on disk next, so an edit left unsaved would not be tested.
      if (outcomes.get(path)?.ok && !(await doc.save())) {
        outcomes.set(path, { path, ok: false, reason: 'the change is in the editor but could not be saved' });
      }
    }
    return changes.map((c) => outcomes.get(c.path) ?? { path: c.path, ok: false, reason: 'not written' });
  }

  /**
   * The circuit breaker's rollback as one WorkspaceEdit (one undo, so Undo brings the task's work
   * back and Redo rolls it back again): each file gets its exact pre-task bytes, a file the task
   * created is deleted. A file with unsaved changes in an editor gets its pre-task text in the editor
   * (the person's text stays in that editor's undo) and is saved, as a step's edit is.
   */
  async restore(files: readonly FileBytes[], label: string): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    const meta: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
    const toSave: Array<{ doc: vscode.TextDocument; bytes: Buffer }> = [];
    for (const f of files) {
      const uri = this.uri(f.path);
      const doc = f.bytes === null ? undefined : await this.dirtyDocument(f.path, await this.files.read(f.path));
      const text = f.bytes && doc ? decodeText(f.bytes) : undefined;
      if (f.bytes === null) edit.deleteFile(uri, { ignoreIfNotExists: true }, meta);
      else if (doc && text?.ok) {
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text.text, meta);
        toSave.push({ doc, bytes: f.bytes });
      } else edit.createFile(uri, { overwrite: true, contents: f.bytes }, meta);
    }
    if (!(await vscode.workspace.applyEdit(edit))) return false;
    for (const { doc, bytes } of toSave) {
      // The editor saves in its own encoding and line ends: the bytes on disk must be the pre-task ones.
      if (!(await doc.save()) || !bytes.equals(Buffer.from(await vscode.workspace.fs.readFile(doc.uri)))) return false;
    }
    return true;
  }

  private uri(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, ...path.split('/'));
  }

  /** The editor with unsaved changes to this file: under this name, or under another name of the same file. */
  private async dirtyDocument(path: string, disk: FileRead): Promise<vscode.TextDocument | undefined> {
    const target = this.uri(path).toString();
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty);
    const named = dirty.find((d) => d.uri.toString() === target);
    if (named || disk.kind !== 'text' || disk.identity === undefined) return named;
    // A link inside the workspace, or letter case on a case-insensitive disk: one file, one editor.
    for (const d of dirty) {
      if (d.uri.scheme === 'file' && (await this.files.identityAt(d.uri.fsPath)) === disk.identity) return d;
    }
    return undefined;
  }
}

function stale(path: string, how: string): WriteOutcome {
  return { path, ok: false, reason: `the file ${how} after it was read; read it again and resend the block` };
}
