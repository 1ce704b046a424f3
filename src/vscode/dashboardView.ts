import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LogEntry } from '../core/log/entry';
import type { RunLog } from '../core/log/runLog';
import { dashboardHtml } from '../shared/dashboardHtml';
import { parseWebviewMessage, type DashboardCommand, type DashboardState, type HostToWebview } from '../shared/messages';

export const DASHBOARD_VIEW_ID = 'factory.dashboard';

type Shown = { phase: string; logLines: number };

/**
 * The sidebar dashboard. The page announces itself with `ready`; only then does the host send the
 * state and the log, so nothing posted before the page listens is lost. Log entries that arrive
 * while the view is not resolved are replayed from the RunLog on the next `ready`.
 */
export class DashboardView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readyWaiters: Array<() => void> = [];
  private pongWaiters = new Map<string, (shown: Shown) => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stopLog: () => void;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: RunLog,
    private readonly getState: () => DashboardState,
    private readonly run: (command: DashboardCommand) => void,
  ) {
    this.stopLog = log.subscribe((entry) => this.postLog([entry], false));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    view.webview.options = { enableScripts: true, localResourceRoots: roots };
    view.webview.html = dashboardHtml({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'dashboard.css')).toString(),
    });
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  /** Sends the current state to the page, if it is showing. */
  refresh(): void {
    this.post({ type: 'state', state: this.getState() });
  }

  /** Resolves when a page has loaded and said `ready` (used by the integration tests and by openDashboard). */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        reject(new Error(`the dashboard did not load within ${timeoutMs} ms`));
      }, timeoutMs);
      this.readyWaiters.push(waiter);
    });
  }

  /** Asks the page what it shows now; proves the page is alive and rendering what it was sent. */
  ping(timeoutMs: number): Promise<Shown> {
    const nonce = randomBytes(8).toString('hex');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pongWaiters.delete(nonce);
        reject(new Error(`the dashboard did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pongWaiters.set(nonce, (shown) => {
        clearTimeout(timer);
        resolve(shown);
      });
      if (!this.post({ type: 'ping', nonce })) {
        clearTimeout(timer);
        this.pongWaiters.delete(nonce);
        reject(new Error('the dashboard is not open'));
      }
    });
  }

  private receive(raw: unknown): void {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.log.warn('dashboard', `ignored a message the host does not understand: ${JSON.stringify(raw).slice(0, 200)}`);
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        this.postLog(this.log.snapshot(), true);
        for (const w of this.readyWaiters.splice(0)) w();
        break;
      case 'pong':
        this.pongWaiters.get(msg.nonce)?.(msg.shown);
        this.pongWaiters.delete(msg.nonce);
        break;
      case 'run':
        this.run(msg.command);
        break;
    }
  }

  private postLog(entries: LogEntry[], replace: boolean): void {
    if (this.ready) this.post({ type: 'log', entries, replace });
  }

  private post(message: HostToWebview): boolean {
    if (!this.view) return false;
    void this.view.webview.postMessage(message);
    return true;
  }

  dispose(): void {
    this.stopLog();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
