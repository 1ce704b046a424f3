import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { withWriteOutcomes } from '../../../src/core/patch/writeOutcomes';
import { VscodePatchHost } from '../../../src/vscode/patchHost';
import { saveAfterUndo, undoIn } from '../editorUndo';

// The patch engine applied through VS Code: one WorkspaceEdit per step, editors kept in sync.
describe('SEARCH/REPLACE through a WorkspaceEdit', () => {
  const root = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
  const dir = 'patch-host';
  const abs = (name: string): string => join(root().fsPath, dir, name);
  const block = (file: string, search: string, replace: string): string =>
    `${dir}/${file}\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n`;

  async function patch(text: string) {
    const host = new VscodePatchHost(root());
    const result = await applyPatchText(text, host);
    return withWriteOutcomes(result, await host.write(result.changes, 'Factory: test step'));
  }

  beforeEach(() => {
    rmSync(join(root().fsPath, dir), { recursive: true, force: true });
    mkdirSync(join(root().fsPath, dir));
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('changes a file that is not open, and creates a new one, in one step', async () => {
    writeFileSync(abs('a.js'), 'const a = 1;\nconst b = 2;\n');
    const r = await patch(block('a.js', 'const b = 2;', 'const b = 3;') + block('new.js', '', 'export {};'));
    assert.deepEqual(r.blocks.map((b) => b.status), ['applied', 'applied']);
    assert.equal(readFileSync(abs('a.js'), 'utf8'), 'const a = 1;\nconst b = 3;\n');
    assert.equal(readFileSync(abs('new.js'), 'utf8'), 'export {};\n');
  });

  it('keeps a Latin-1 file in Latin-1 (VS Code would otherwise re-decode it as UTF-8)', async () => {
    writeFileSync(abs('l1.txt'), Buffer.from('caf\xe9\nthe end\n', 'latin1'));
    const r = await patch(block('l1.txt', 'the end', 'la fin'));
    assert.equal(r.blocks[0]?.status, 'applied');
    assert.deepEqual(readFileSync(abs('l1.txt')), Buffer.from('caf\xe9\nla fin\n', 'latin1'));
  });

  it('patches the unsaved text of an open editor without losing the person\'s edit, then saves', async () => {
    writeFileSync(abs('open.js'), 'line 1\nline 2\nline 3\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs('open.js')));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// mine\n'));
    assert.equal(doc.isDirty, true);
    const r = await patch(block('open.js', 'line 3', 'line three'));
    assert.equal(r.blocks[0]?.status, 'applied');
    assert.equal(doc.isDirty, false);
    assert.equal(readFileSync(abs('open.js'), 'utf8'), '// mine\nline 1\nline 2\nline three\n');
  });

  /** Waits until `check` holds (VS Code applies an undo asynchronously). */
  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(check(), `timed out waiting for ${what}`);
  }

  /** Undo in the editor of `file` (in the test's folder); resolves once the editor holds `text`. */
  const undoTo = (file: string, text: string): Promise<vscode.TextDocument> => undoIn(abs(file), (t) => t === text);

  // Issue 10, item 4: a step is one WorkspaceEdit, so Undo in VS Code takes it back whole. (A step
  // that overwrote a file with bytes was undone by VS Code deleting the file.)
  it('a step is one undo: Undo gives each file it changed its old content back, on disk once saved, and removes the file it created', async () => {
    writeFileSync(abs('u.js'), 'const u = 1;\n');
    writeFileSync(abs('crlf.js'), 'a = 1\r\nb = 2\r\n');
    const r = await patch(block('u.js', 'const u = 1;', 'const u = 2;') + block('crlf.js', 'b = 2', 'b = 3') + block('made.js', '', 'export {};'));
    assert.deepEqual(r.blocks.map((b) => b.status), ['applied', 'applied', 'applied']);
    assert.equal(readFileSync(abs('u.js'), 'utf8'), 'const u = 2;\n');
    assert.deepEqual(readFileSync(abs('crlf.js')), Buffer.from('a = 1\r\nb = 3\r\n'), 'its line ends kept');
    const doc = await undoTo('u.js', 'const u = 1;\n');
    await until(() => !existsSync(abs('made.js')), 'the created file to go');
    assert.ok(existsSync(abs('u.js')) && existsSync(abs('crlf.js')), 'the changed files are still there');
    const crlf = await vscode.workspace.openTextDocument(vscode.Uri.file(abs('crlf.js')));
    assert.equal(crlf.getText(), 'a = 1\r\nb = 2\r\n', 'the whole step was undone, in every file');
    assert.ok(await saveAfterUndo(doc));
    assert.ok(await saveAfterUndo(crlf));
    assert.equal(readFileSync(abs('u.js'), 'utf8'), 'const u = 1;\n');
    assert.deepEqual(readFileSync(abs('crlf.js')), Buffer.from('a = 1\r\nb = 2\r\n'));
  });

  it('Undo gives a Latin-1 file its old bytes back (edited as Latin-1 text, saved as Latin-1)', async () => {
    writeFileSync(abs('old.txt'), Buffer.from('caf\xe9\nv1\n', 'latin1'));
    const r = await patch(block('old.txt', 'v1', 'v2 \xe0 la carte'));
    assert.equal(r.blocks[0]?.status, 'applied');
    assert.deepEqual(readFileSync(abs('old.txt')), Buffer.from('caf\xe9\nv2 \xe0 la carte\n', 'latin1'));
    const doc = await undoTo('old.txt', 'caf\xe9\nv1\n');
    assert.ok(await saveAfterUndo(doc));
    assert.deepEqual(readFileSync(abs('old.txt')), Buffer.from('caf\xe9\nv1\n', 'latin1'));
  });

  it('writes the exact content when VS Code holds an older text of the file than the disk (changed behind its back)', async () => {
    writeFileSync(abs('behind.js'), 'v = 1\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs('behind.js')));
    assert.equal(doc.getText(), 'v = 1\n');
    // Another program (git, the CLI) rewrites the file; the step reads the new text before VS Code does.
    writeFileSync(abs('behind.js'), 'v = 1\nw = 22\n');
    const r = await patch(block('behind.js', 'w = 22', 'w = 3'));
    assert.equal(r.blocks[0]?.status, 'applied', r.blocks[0]?.reason ?? '');
    assert.equal(readFileSync(abs('behind.js'), 'utf8'), 'v = 1\nw = 3\n');
    await until(() => !doc.isDirty && doc.getText() === 'v = 1\nw = 3\n', 'the editor to follow the disk');
  });

  // Issue 10, item 4: the rollback goes through the same WorkspaceEdit machinery as a step.
  it("the circuit breaker's rollback is one WorkspaceEdit: exact pre-task bytes, the created file removed, an editor's unsaved text replaced and saved; Undo brings the task's work back", async () => {
    const host = new VscodePatchHost(root());
    writeFileSync(abs('t.js'), 'task line\r\n');
    writeFileSync(abs('created.js'), 'made by the task\n');
    writeFileSync(abs('edited.js'), 'task text\n');
    const edited = await vscode.workspace.openTextDocument(vscode.Uri.file(abs('edited.js')));
    const editor = await vscode.window.showTextDocument(edited);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// mine\n'));
    const ok = await host.restore(
      [
        { path: `${dir}/t.js`, bytes: Buffer.from('before the task\r\n') },
        { path: `${dir}/created.js`, bytes: null },
        { path: `${dir}/edited.js`, bytes: Buffer.from('before\n') },
      ],
      'Factory: roll back T1 (2 TRAPs)',
    );
    assert.equal(ok, true);
    assert.deepEqual(readFileSync(abs('t.js')), Buffer.from('before the task\r\n'));
    assert.equal(existsSync(abs('created.js')), false);
    assert.equal(edited.isDirty, false);
    assert.equal(readFileSync(abs('edited.js'), 'utf8'), 'before\n');
    // Undo of the rollback brings the task's work back: its text in t.js, the file it created.
    const t = await undoTo('t.js', 'task line\r\n');
    await until(() => existsSync(abs('created.js')), 'the created file to come back');
    assert.equal(readFileSync(abs('created.js'), 'utf8'), 'made by the task\n');
    assert.ok(await saveAfterUndo(t));
    assert.deepEqual(readFileSync(abs('t.js')), Buffer.from('task line\r\n'));
  });

  it('does not write a file that changed after it was read', async () => {
    writeFileSync(abs('race.js'), 'x = 1\n');
    const host = new VscodePatchHost(root());
    const result = await applyPatchText(block('race.js', 'x = 1', 'x = 2'), host);
    writeFileSync(abs('race.js'), 'x = 1\ny = 1\n');
    const [outcome] = await host.write(result.changes, 'Factory: test step');
    assert.equal(outcome?.ok, false);
    assert.match(outcome && !outcome.ok ? outcome.reason : '', /changed on disk after it was read/);
    assert.equal(readFileSync(abs('race.js'), 'utf8'), 'x = 1\ny = 1\n');
  });

  it('applies blocks for one file under two names (a link) in order, as one change, keeping the link', async () => {
    writeFileSync(abs('real.js'), 'one\ntwo\nthree\n');
    symlinkSync('real.js', abs('alias.js'));
    const r = await patch(block('real.js', 'one', 'ONE') + block('alias.js', 'ONE\ntwo', 'ONE\nTWO') + block('real.js', 'three', 'THREE'));
    assert.deepEqual(r.blocks.map((b) => b.status), ['applied', 'applied', 'applied']);
    assert.equal(r.changes.length, 1);
    assert.equal(readFileSync(abs('real.js'), 'utf8'), 'ONE\nTWO\nTHREE\n');
    assert.ok(lstatSync(abs('alias.js')).isSymbolicLink());
  });

  it("patches the person's unsaved text when the block names the file through a link", async () => {
    writeFileSync(abs('target.js'), 'line 1\nline 2\n');
    symlinkSync('target.js', abs('via.js'));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs('target.js')));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// mine\n'));
    const r = await patch(block('via.js', 'line 2', 'line two'));
    assert.equal(r.blocks[0]?.status, 'applied', r.blocks[0]?.reason ?? '');
    assert.equal(doc.isDirty, false);
    assert.equal(readFileSync(abs('target.js'), 'utf8'), '// mine\nline 1\nline two\n');
  });

  it('keeps a stray byte that is not UTF-8 and refuses new non-ASCII text in that file', async () => {
    const bytes = Buffer.concat([Buffer.from('// caf\u00e9\nx = 1\ny = "', 'utf8'), Buffer.from([0xe9]), Buffer.from('"\nz = 1\n')]);
    writeFileSync(abs('mixed.txt'), bytes);
    const r = await patch(block('mixed.txt', 'x = 1', 'x = 2') + block('mixed.txt', 'z = 1', 'z = "\u00e9"'));
    assert.deepEqual(r.blocks.map((b) => [b.status, b.kind]), [['applied', null], ['failed', 'encoding']]);
    assert.match(r.blocks[1]?.reason ?? '', /not UTF-8.*byte offset 20 \(line 3\)/);
    assert.deepEqual(readFileSync(abs('mixed.txt')), Buffer.from(bytes.toString('latin1').replace('x = 1', 'x = 2'), 'latin1'));
  });

  it('keeps the odd last byte of a UTF-16 file', async () => {
    const bytes = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le'), Buffer.from([0x41])]);
    writeFileSync(abs('u16.txt'), bytes('a = 1\nb = 2\n'));
    const r = await patch(block('u16.txt', 'b = 2', 'b = \u20ac'));
    assert.equal(r.blocks[0]?.status, 'applied');
    assert.deepEqual(readFileSync(abs('u16.txt')), bytes('a = 1\nb = \u20ac\n'));
  });

  it('refuses editor settings that run code (.vscode/), in any letter case', async () => {
    const r = await patch(`.VSCode/tasks.json\n<<<<<<< SEARCH\n=======\n{}\n>>>>>>> REPLACE\n`);
    assert.equal(r.blocks[0]?.status, 'refused');
    assert.match(r.blocks[0]?.reason ?? '', /VS Code/);
    assert.equal(r.changes.length, 0);
  });

  it('refuses paths outside the workspace before anything is written', async () => {
    const r = await patch(`../outside.js\n<<<<<<< SEARCH\n=======\nboom\n>>>>>>> REPLACE\n`);
    assert.equal(r.blocks[0]?.status, 'refused');
    assert.equal(r.changes.length, 0);
  });
});
