import * as vscode from 'vscode';
import { decodeText, encodeText, UTF8, type FileEncoding } from '../core/patch/encoding';
import { FsWorkspace } from '../core/patch/fsWorkspace';
import type { FileBytes, FileChange, FileRead, WorkspacePort, WriteOutcome } from '../core/ports';
import { replaceWholeText, sameTextDocument, vscodeEncoding } from './sameText';

/**
 * The patch engine's host inside VS Code.
 *
 * Reading goes through the file-system host first, so links and protected names are refused exactly
 * as in the CLI, and a file's identity is known; a file with unsaved changes in an editor (open under
 * the same name or another name of the same file) is then read from the editor, so the person's edits
 * are patched, not lost. Writing is one WorkspaceEdit per step (one undo, so Undo in VS Code gives
 * every file of the step its old content back): a file with unsaved changes is edited as text in
 * its editor; an existing file that VS Code reads as the engine does (its encoding, one kind of line
 * end) has its whole text replaced; a new file is created with its bytes; the edited documents are
 * then saved. A file VS Code cannot hold as the engine's text (mixed encodings, mixed line ends) is
 * written as whole bytes in its own encoding, whose undo VS Code cannot give back (it deletes the
 * file). A file that changed since it was read is not written. A rollback (restore) is one
 * WorkspaceEdit too.
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
    const outcomes = new Map<string, WriteOutcome>();
    const plan: Planned[] = [];
    for (const c of changes) {
      // Read again (path checks, and the text to compare): the file may have changed since the engine read it.
      const disk = await this.files.read(c.path);
      if (disk.kind === 'refused') {
        outcomes.set(c.path, { path: c.path, ok: false, reason: disk.reason });
        continue;
      }
      const doc = await this.dirtyDocument(c.path, disk);
      if (doc) {
        if (doc.getText() !== c.before) outcomes.set(c.path, stale(c.path, 'was edited in the editor'));
        else plan.push({ path: c.path, target: doc.uri, dirty: { doc, after: c.after } });
        continue;
      }
      if ((disk.kind === 'text' ? disk.text : null) !== c.before) {
        outcomes.set(c.path, stale(c.path, 'changed on disk'));
        continue;
      }
      const encoding = this.files.encodingOf(c.path) ?? UTF8;
      const encoded = encodeText(c.after, encoding, c.before);
      if (!encoded.ok) {
        outcomes.set(c.path, { path: c.path, ok: false, reason: encoded.reason });
        continue;
      }
      const target = this.target(c.path);
      // An existing file is a text edit when VS Code reads it as the engine does (Undo gives its text back).
      const text = c.before === null ? undefined : await this.asText(target, encoding, c.before);
      plan.push({ path: c.path, target, bytes: encoded.bytes, exists: c.before !== null, ...(text && { text: { doc: text, after: c.after } }) });
    }
    for (const o of await apply(plan, label)) outcomes.set(o.path, o);
    return changes.map((c) => outcomes.get(c.path) ?? { path: c.path, ok: false, reason: 'not written' });
  }

  /**
   * The circuit breaker's rollback as one WorkspaceEdit (one undo, so Undo brings the task's work
   * back and Redo rolls it back again): each file gets its exact pre-task bytes (as a text edit when
   * VS Code reads the file as the engine does, like a step's edit), a file the task created is
   * deleted. A file with unsaved changes in an editor gets its pre-task text in the editor (the
   * person's text stays in that editor's undo) and is saved. False when VS Code did not apply it
   * (the engine then writes the bytes itself).
   */
  async restore(files: readonly FileBytes[], label: string): Promise<boolean> {
    const plan: Planned[] = [];
    for (const f of files) {
      const disk = await this.files.read(f.path);
      const target = this.target(f.path);
      if (f.bytes === null) {
        plan.push({ path: f.path, target });
        continue;
      }
      const want = decodeText(f.bytes);
      const dirty = want.ok ? await this.dirtyDocument(f.path, disk) : undefined;
      if (dirty && want.ok) {
        plan.push({ path: f.path, target: dirty.uri, dirty: { doc: dirty, after: want.text }, bytes: f.bytes });
        continue;
      }
      const text = want.ok && disk.kind === 'text' ? await this.asText(target, want.encoding, disk.text) : undefined;
      plan.push({ path: f.path, target, bytes: f.bytes, exists: true, ...(text && want.ok && { text: { doc: text, after: want.text } }) });
    }
    return (await apply(plan, label)).every((o) => o.ok);
  }

  /** The file a path names, links followed (a link stays a link: its target is what is written). */
  private target(path: string): vscode.Uri {
    const real = this.files.realPathOf(path);
    return real === undefined ? this.uri(path) : vscode.Uri.file(real);
  }

  /** The file as a document holding `text` in the engine's encoding, when VS Code can read it so. */
  private async asText(uri: vscode.Uri, encoding: FileEncoding, text: string): Promise<vscode.TextDocument | undefined> {
    const name = vscodeEncoding(encoding);
    return name === undefined ? undefined : sameTextDocument(uri, name, text);
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

/**
 * One file of a step or a rollback, as it will be written: through an editor with unsaved changes
 * (`dirty`: the person's text is in `after`), as a text edit of a document that reads the file as
 * the engine does (`text`), else as whole bytes (`bytes`: created, or over the file when `exists`).
 * Neither: the file is deleted.
 */
interface Planned {
  path: string;
  target: vscode.Uri;
  dirty?: { doc: vscode.TextDocument; after: string };
  text?: { doc: vscode.TextDocument; after: string };
  /** The exact bytes the file must hold after the write (absent for an editor's text: its encoding decides). */
  bytes?: Uint8Array;
  exists?: boolean;
}

/**
 * Applies the plan as one WorkspaceEdit (one undo), then saves what was edited as text: the engine
 * runs tests on disk next, so an edit left unsaved would not be tested. When VS Code refuses the
 * edit (a document it changed meanwhile, as a reload from disk does) the files are written as whole
 * bytes instead; when a document's save fails or leaves other bytes (a save participant of the
 * person's settings, such as trimming trailing whitespace), its exact bytes are written over it.
 * Those fallbacks keep the step's content exact; only their undo cannot give the old text back.
 */
async function apply(plan: readonly Planned[], label: string): Promise<WriteOutcome[]> {
  if (plan.length === 0) return [];
  const meta: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
  let asText = true;
  let applied = await vscode.workspace.applyEdit(editOf(plan, meta, asText));
  if (!applied && plan.some((p) => p.text)) {
    asText = false;
    applied = await vscode.workspace.applyEdit(editOf(plan, meta, asText));
  }
  if (!applied) return plan.map((p) => ({ path: p.path, ok: false, reason: 'VS Code did not apply the edit' }));
  const out: WriteOutcome[] = [];
  for (const p of plan) {
    const edited = p.dirty ?? (asText ? p.text : undefined);
    const saved = !edited || (await saveExactly(edited.doc, p.bytes, meta, p.dirty === undefined));
    out.push(saved ? { path: p.path, ok: true } : { path: p.path, ok: false, reason: 'the change is in the editor but could not be saved' });
  }
  return out;
}

function editOf(plan: readonly Planned[], meta: vscode.WorkspaceEditEntryMetadata, asText: boolean): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const p of plan) {
    const edited = p.dirty ?? (asText ? p.text : undefined);
    if (edited && replaceWholeText(edit, edited.doc, edited.after, meta)) continue;
    if (p.dirty) edit.replace(p.dirty.doc.uri, wholeRange(p.dirty.doc), p.dirty.after, meta);
    else if (p.bytes) edit.createFile(p.target, { overwrite: p.exists === true, contents: p.bytes }, meta);
    else edit.deleteFile(p.target, { ignoreIfNotExists: true }, meta);
  }
  return edit;
}

function wholeRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}

/**
 * Saves; when the bytes on disk must be exact and VS Code saved others, or (`orBytes`: a document
 * only Factory edited) could not save, writes the exact bytes.
 */
async function saveExactly(doc: vscode.TextDocument, bytes: Uint8Array | undefined, meta: vscode.WorkspaceEditEntryMetadata, orBytes: boolean): Promise<boolean> {
  const saved = await doc.save().then(
    (ok) => ok,
    () => false,
  );
  if (!saved && !(orBytes && bytes)) return false;
  if (saved && (bytes === undefined || Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).equals(Buffer.from(bytes)))) return true;
  const exact = new vscode.WorkspaceEdit();
  exact.createFile(doc.uri, { overwrite: true, contents: bytes }, meta);
  return vscode.workspace.applyEdit(exact);
}

function stale(path: string, how: string): WriteOutcome {
  return { path, ok: false, reason: `the file ${how} after it was read; read it again and resend the block` };
}
