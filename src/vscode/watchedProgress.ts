/**
 * The progress notification of a run, as VS Code shows it, with what it shows remembered and its
 * Cancel pressable from the integration tests (the test mode's seam: the run gets the same
 * cancellation a person's click on the notification's Cancel gives it).
 */
import * as vscode from 'vscode';

export interface ShownProgress {
  title: string;
  /** A notification (not the status bar or a view). */
  notification: boolean;
  cancellable: boolean;
  /** The last message reported (the run's stage). */
  message: string | undefined;
}

export type ProgressRunner = <R>(
  options: vscode.ProgressOptions,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
) => Thenable<R>;

export class WatchedProgress {
  private open: { shown: ShownProgress; cancel: () => void } | undefined;

  readonly run: ProgressRunner = (options, task) =>
    vscode.window.withProgress(options, (progress, token) => {
      const source = new vscode.CancellationTokenSource();
      const forward = token.onCancellationRequested(() => source.cancel());
      const shown: ShownProgress = { title: options.title ?? '', notification: options.location === vscode.ProgressLocation.Notification, cancellable: options.cancellable === true, message: undefined };
      const mine = { shown, cancel: () => source.cancel() };
      this.open = mine;
      const report = (value: { message?: string; increment?: number }): void => {
        if (value.message !== undefined) shown.message = value.message;
        progress.report(value);
      };
      return Promise.resolve(task({ report }, source.token)).finally(() => {
        if (this.open === mine) this.open = undefined;
        forward.dispose();
        source.dispose();
      });
    });

  /** The notification open now, or undefined. */
  shown(): ShownProgress | undefined {
    return this.open && { ...this.open.shown };
  }

  /** Presses the open notification's Cancel; false when none is open or it has no Cancel. */
  cancel(): boolean {
    if (!this.open?.shown.cancellable) return false;
    this.open.cancel();
    return true;
  }
}
