/**
 * What follows a run in the editor besides the dashboard (diagnostics, blueprint.md's CodeLens, the
 * status bar): each watcher is told when a run starts, sees its journal events and progress, and its end.
 */
import type * as vscode from 'vscode';
import type { Journalled } from '../core/pipeline/journal/events';
import type { ProgressEvent } from '../core/pipeline/progress';

export interface RunWatch {
  journal?(e: Journalled): void;
  progress?(e: ProgressEvent): void;
  /** The run ended (however); `runId` is undefined when it never started (refused). */
  end?(runId: string | undefined): void;
}

export interface WatchedRun {
  /** The run's workspace: the folder its files and its .factory/runs/ are in. */
  folder: vscode.Uri;
  /** Set when a run is resumed; a new run's id arrives with its first journal event. */
  runId: string | undefined;
}

export type RunWatcher = (run: WatchedRun) => RunWatch;
