/**
 * Scores inline where the work is (issue 10, item 3): a run's blueprint.md
 * (.factory/runs/<id>/blueprint.md) shows, as CodeLens, each review round's scores against the target
 * and the gate's verdict at the top, and each task's TDD state above its lines (a click opens the
 * task's diff). Read from the run's journal beside the file; refreshed as a run in this window journals.
 */
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { RunWatch } from './runWatch';

const BLUEPRINT = /[\\/]\.factory[\\/]runs[\\/]([A-Za-z0-9._-]+)[\\/]blueprint\.md$/;

/** Notes that change what the lenses show. */
const TOPICS = /^(review|gate|blueprint|task\..*|trap|rollback)$/;

export class BlueprintLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  readonly watch = (): RunWatch => ({
    journal: (e) => {
      if (e.type === 'note' && TOPICS.test(e.topic)) this.changed.fire();
    },
  });

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const runId = BLUEPRINT.exec(doc.uri.fsPath)?.[1];
    if (runId === undefined) return [];
    const { readJournal } = await import('../core/pipeline/journal/journal.js');
    const { blueprintMarks, roundText, taskLines, taskText } = await import('../core/pipeline/inline/blueprintMarks.js');
    let marks;
    try {
      marks = blueprintMarks(readJournal(join(dirname(doc.uri.fsPath), 'journal.jsonl')));
    } catch {
      return [];
    }
    // A journal older than the review note's target: the target configured now.
    const configured = vscode.workspace.getConfiguration('factory').get<number>('thresholds.review') ?? null;
    const top = new vscode.Range(0, 0, 0, 0);
    const folder = vscode.Uri.file(dirname(dirname(dirname(dirname(doc.uri.fsPath)))));
    const lenses = marks.rounds.map((r) => new vscode.CodeLens(top, { title: roundText(r, r.target ?? configured), command: '' }));
    if (marks.gate) lenses.push(new vscode.CodeLens(top, { title: `Gate: ${marks.gate}`, command: '' }));
    const lines = taskLines(doc.getText());
    for (const t of marks.tasks) {
      const line = lines.get(t.task);
      if (line === undefined) continue;
      lenses.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: taskText(t),
          command: 'factory.showTaskDiff',
          arguments: [{ runId, taskId: t.task, folder }],
          tooltip: `Open what ${t.task} changed (its files before the task, and now)`,
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerBlueprintLens(context: vscode.ExtensionContext): BlueprintLens {
  const lens = new BlueprintLens();
  context.subscriptions.push(lens, vscode.languages.registerCodeLensProvider({ pattern: '**/.factory/runs/*/blueprint.md' }, lens));
  return lens;
}
