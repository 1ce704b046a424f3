/**
 * The status bar while a run is going (issue 10, item 3): the stage and the last score against its
 * target; a click opens the dashboard. Hidden when no run is going.
 */
import * as vscode from 'vscode';
import { latestScore, scoreText } from '../core/pipeline/inline/latestScore';
import type { RunWatch } from './runWatch';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('factory.run', vscode.StatusBarAlignment.Left, 10);
  private stage = 'starting';
  private score = '';
  private shown = false;

  constructor() {
    this.item.name = 'Factory run';
    this.item.command = 'factory.openDashboard';
  }

  /** What the item shows now (the integration tests read it). */
  get text(): string | undefined {
    return this.item.text || undefined;
  }

  get visible(): boolean {
    return this.shown;
  }

  readonly watch = (): RunWatch => {
    this.stage = 'starting';
    this.score = '';
    this.render();
    return {
      progress: (e) => {
        if (e.kind !== 'stage') return;
        this.stage = `${e.stage.replace('_', ' ')}${e.detail ? ` ${e.detail}` : ''}`;
        this.render();
      },
      journal: (e) => {
        const s = latestScore(e);
        if (!s) return;
        this.score = scoreText(s);
        this.render();
      },
      end: () => {
        this.shown = false;
        this.item.hide();
      },
    };
  };

  private render(): void {
    this.item.text = `$(sync~spin) Factory: ${this.stage}${this.score ? ` · ${this.score}` : ''}`;
    this.item.tooltip = `Factory run — stage: ${this.stage}${this.score ? `; last score: ${this.score}` : ''}. Click to open the dashboard.`;
    this.shown = true;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
