import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CommandOutcome } from '../../../src/vscode/outcome';
import { EARLIER } from '../earlierRun';
import { activeFactory, scriptedFactory, until } from '../scriptedFactory';

// Issue 10, item 5 after a restart: the workspace holds a folder whose latest run (from before VS Code
// started, see earlierRun.ts) had a finding; Factory shows it again as a diagnostic once it activates,
// without a run, and a new run on that folder clears it. (This file runs before any test starts a run
// on the workspace folder, which would clear everything under it.)
describe('findings diagnostics come back after a restart', function () {
  this.timeout(120000);
  const folder = (): vscode.Uri => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, EARLIER.folder);
  const file = (): vscode.Uri => vscode.Uri.joinPath(folder(), ...EARLIER.file.split('/'));
  const restored = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(file()).filter((d) => d.source === 'Factory');

  it("shows the latest run's findings of each folder with runs, read from its journal when Factory activates", async () => {
    await activeFactory();
    const [d, ...more] = await until(() => (restored().length > 0 ? restored() : undefined), 'the restored diagnostic', 30000);
    assert.deepEqual(more, []);
    assert.equal(d?.range.start.line, EARLIER.finding.line - 1);
    assert.equal(d?.severity, vscode.DiagnosticSeverity.Warning, 'medium: a warning');
    assert.match(d?.message ?? '', /a finding from before the restart — fix: keep it in view/);
    const code = d?.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.fsPath, join(folder().fsPath, '.factory', 'runs', EARLIER.runId, 'report.md'));
  });

  it('a new run on that folder clears them', async () => {
    const scripted = await scriptedFactory('sk-scripted-restored-key');
    try {
      // The run waits at its first model call: it has begun on the folder; it is cancelled there.
      scripted.fake.route({ match: { role: 'ceo' }, reply: { hang: true } });
      const running = vscode.commands.executeCommand<CommandOutcome>('factory.update', 'keep it in view', folder());
      await until(() => scripted.fake.requests().length > 0, 'the run asking its first model', 60000);
      assert.deepEqual(restored(), [], 'the new run cleared the folder');
      await vscode.commands.executeCommand('factory.cancel');
      const outcome = await running;
      assert.equal(outcome.run?.state, 'stopped', outcome.detail);
    } finally {
      await scripted.close();
    }
  });
});
