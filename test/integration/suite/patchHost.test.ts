import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { withWriteOutcomes } from '../../../src/core/patch/writeOutcomes';
import { VscodePatchHost } from '../../../src/vscode/patchHost';

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

  it('refuses paths outside the workspace before anything is written', async () => {
    const r = await patch(`../outside.js\n<<<<<<< SEARCH\n=======\nboom\n>>>>>>> REPLACE\n`);
    assert.equal(r.blocks[0]?.status, 'refused');
    assert.equal(r.changes.length, 0);
  });
});
