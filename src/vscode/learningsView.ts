/**
 * The learning store in VS Code: one file in the extension's global storage (outside every
 * workspace, shared by all windows), and "Factory: Show Learnings", a read-only Markdown document
 * of every DNA choice, trap and rule with its id, read fresh each time it is shown (a content provider's document: read-only in the editor). The store's code
 * (and its schema library) is loaded on first use, not at activation.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FileLearningStore, MergeOutcome, StoredLearnings } from '../core/learning';
import type { RunLog } from '../core/log/runLog';
import type { LearningStore } from '../core/pipeline/learningStore';
import type { Learning } from '../core/protocol';
import type { CommandOutcome } from './outcome';

export const LEARNINGS_SCHEME = 'factory-learnings';
let shown = 0;
/** A new address each time: the document is read anew, never a cached copy of an earlier showing. */
export const learningsUri = (): vscode.Uri => vscode.Uri.from({ scheme: LEARNINGS_SCHEME, path: '/Factory Learnings.md', query: String(++shown) });

/** The global store, opened on first use. */
export class ExtensionLearningStore implements LearningStore {
  private opened: Promise<FileLearningStore> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: RunLog,
  ) {}

  open(): Promise<FileLearningStore> {
    this.opened ??= import('../core/learning/index.js').then(
      (m) =>
        new m.FileLearningStore({
          file: join(this.context.globalStorageUri.fsPath, m.LEARNINGS_FILE),
          warn: (message) => {
            this.log.warn('learnings', message);
            void vscode.window.showWarningMessage(`Factory: ${message}`);
          },
        }),
    );
    return this.opened;
  }

  async read(): Promise<StoredLearnings> {
    return (await this.open()).read();
  }

  async remember(runId: string, learning: Learning): Promise<MergeOutcome> {
    return (await this.open()).remember(runId, learning);
  }
}

/** A content provider's documents are read-only: the store changes through runs and the CLI, not by typing. */
export class LearningsView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  constructor(private readonly store: ExtensionLearningStore) {}

  async provideTextDocumentContent(): Promise<string> {
    const [{ learningsMarkdown }, store] = await Promise.all([import('../core/learning/listing.js'), this.store.open()]);
    return learningsMarkdown(await store.read(), store.file);
  }

  async show(): Promise<CommandOutcome> {
    const store = await this.store.open();
    const all = await store.read();
    const uri = learningsUri();
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
    return {
      command: 'factory.showLearnings',
      status: 'done',
      detail: `Learnings: ${all.dna.length} owner decision(s), ${all.traps.length} trap(s), ${all.rules.length} rule(s).`,
      target: store.file,
    };
  }

  dispose(): void {
    // Nothing held: each showing reads the store.
  }
}
