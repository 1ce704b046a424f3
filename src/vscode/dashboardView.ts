import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LogEntry } from '../core/log/entry';
import type { RunLog } from '../core/log/runLog';
import type { CallText } from '../core/pipeline/models/callText';
import { CallTextRelay } from './callTextRelay';
import { RUN_SOURCE } from './runView';
import { dashboardHtml } from '../shared/dashboardHtml';
import { parseWebviewMessage, type DashboardState, type HostToWebview, type Shown, type WebviewToHost } from '../shared/messages';

export const DASHBOARD_VIEW_ID = 'factory.dashboard';


/** What the page's buttons ask for, checked by parseWebviewMessage; the host carries them out. */
export type DashboardAction = Exclude<WebviewToHost, { type: 'ready' } | { type: 'pong' }>;


/** Lines arriving faster than this are sent to the page together. */
const BATCH_MS = 60;

/**
 * The sidebar dashboard. The page announces itself with `ready`; only then does the host send the
 * state and the log, so nothing posted before the page listens is lost. On every `ready` (a view
 * shown again, reloaded, or VS Code restarted) the whole picture is sent again: the state with the
 * run's projection, and the log (the run's journal lines, with this session's own lines).
 */
export class DashboardView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readyCount = 0;
  private readyWaiters: Array<() => void> = [];
  private pongWaiters = new Map<string, (shown: Shown) => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stopLog: () => void;
  private pending: LogEntry[] = [];
  private batch: ReturnType<typeof setTimeout> | undefined;
  /** Model text of the calls in flight: a few messages a second, after the lines they grow under. */
  private readonly callTexts = new CallTextRelay((parts) => {
    if (!this.ready) return;
    this.flush();
    this.post({ type: 'callText', parts });
  });

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: RunLog,
    private readonly getState: () => DashboardState,
    private readonly act: (action: DashboardAction) => void,
    /** The shown run's log lines from its journal (a replay); called on `ready`. */
    private readonly runLines: () => LogEntry[] = () => [],
  ) {
    this.stopLog = log.subscribe((entry) => {
      if (entry.source !== RUN_SOURCE) this.postLines([entry]);
    });
  }

  /** Log lines of the run to show now (from its journal, as it is written). */
  postLines(entries: LogEntry[]): void {
    if (!this.ready || entries.length === 0) return;
    this.pending.push(...entries);
    this.batch ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  /** A model call's text as it arrives: its log line grows with it. */
  postText(e: CallText): void {
    this.callTexts.push(e);
  }

  /** The run ended: calls it left open (a crash) stop growing. */
  endTexts(): void {
    this.callTexts.endAll();
  }

  /** Sends the lines waiting for their batch now. */
  private flush(): void {
    if (this.batch) clearTimeout(this.batch);
    this.batch = undefined;
    const lines = this.pending.splice(0);
    if (lines.length) this.post({ type: 'log', entries: lines, replace: false });
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

  /** How many times a page has said `ready` (each load and reload of the view's page). */
  get readies(): number {
    return this.readyCount;
  }

  /**
   * Resolves when a page has loaded and said `ready` (used by the integration tests and by
   * openDashboard); with `after`, once more than that many `ready`s have come (a page loaded again).
   */
  whenReady(timeoutMs: number, after?: number): Promise<void> {
    if (after === undefined ? this.ready : this.readyCount > after) return Promise.resolve();
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
      // Lines still waiting for their batch go first: the answer counts everything logged before the ping.
      this.flush();
      this.callTexts.flush();
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
      case 'ready': {
        this.ready = true;
        this.readyCount++;
        this.pending = [];
        this.refresh();
        // The session's own lines and the run's, in time order (a stable sort keeps each one's order).
        const session = this.log.snapshot().filter((e) => e.source !== RUN_SOURCE);
        const lines = [...session, ...this.runLines()].sort((a, b) => a.time - b.time);
        this.post({ type: 'log', entries: lines, replace: true });
        // A call answering now: its text so far, under its line of the replay.
        const open = this.callTexts.replay();
        if (open.length) this.post({ type: 'callText', parts: open });
        for (const w of this.readyWaiters.splice(0)) w();
        break;
      }
      case 'pong':
        this.pongWaiters.get(msg.nonce)?.(msg.shown);
        this.pongWaiters.delete(msg.nonce);
        break;
      default:
        this.act(msg);
        break;
    }
  }

  private post(message: HostToWebview): boolean {
    if (!this.view) return false;
    void this.view.webview.postMessage(message);
    return true;
  }

  dispose(): void {
    this.stopLog();
    this.callTexts.dispose();
    if (this.batch) clearTimeout(this.batch);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
