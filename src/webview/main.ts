/**
 * The dashboard page script: renders the run state and the live log the host sends, and turns
 * button presses into commands for the host. It keeps no state the host does not also have, except
 * a copy saved with setState so a hidden-then-shown view paints at once.
 */
import type { LogEntry } from '../core/log/entry';
import { DASHBOARD_PROTOCOL, IDLE_STATE, type DashboardCommand, type DashboardState, type HostToWebview, type WebviewToHost } from '../shared/messages';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const MAX_LOG_ROWS = 1000;
const PHASE_LABELS: Record<DashboardState['phase'], string> = {
  idle: 'Idle',
  running: 'Running',
  stopped: 'Stopped',
  done: 'Done',
  failed: 'Failed',
};

const vscode = acquireVsCodeApi();
const el = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`dashboard: element #${id} is missing from the page`);
  return found as T;
};

function renderState(state: DashboardState): void {
  const phase = el('phase');
  phase.textContent = PHASE_LABELS[state.phase];
  phase.dataset.phase = state.phase;
  el('stage').textContent = state.stage ? ` — ${state.stage}` : '';
  el('request').textContent = state.request ?? '';
  const notice = el('notice');
  const text = state.trusted ? state.notice : 'This workspace is not trusted, so Factory will not run here. Trust the workspace to use it.';
  notice.textContent = text ?? '';
  notice.hidden = !text;
  const scores = el<HTMLUListElement>('scores');
  scores.replaceChildren(
    ...state.scores.map((s) => {
      const li = document.createElement('li');
      li.className = s.value >= s.target ? 'pass' : 'fail';
      li.textContent = `${s.name}: ${s.value} / ${s.target}`;
      return li;
    }),
  );
  const running = state.phase === 'running';
  el<HTMLButtonElement>('btn-build').disabled = running || !state.trusted;
  el<HTMLButtonElement>('btn-audit').disabled = running || !state.trusted;
  el<HTMLButtonElement>('btn-cancel').disabled = !running;
}

function logRow(entry: LogEntry): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `entry ${entry.level}`;
  const time = document.createElement('time');
  time.dateTime = new Date(entry.time).toISOString();
  time.textContent = new Date(entry.time).toLocaleTimeString();
  const source = document.createElement('span');
  source.className = 'source';
  source.textContent = entry.source;
  const message = document.createElement('span');
  message.className = 'message';
  message.textContent = entry.message;
  li.append(time, source, message);
  return li;
}

function renderLog(entries: LogEntry[], replace: boolean): void {
  const list = el<HTMLOListElement>('log');
  if (replace) list.replaceChildren();
  const pinned = list.scrollHeight - list.scrollTop - list.clientHeight < 8;
  list.append(...entries.map(logRow));
  while (list.childElementCount > MAX_LOG_ROWS) list.firstElementChild?.remove();
  el('log-empty').hidden = list.childElementCount > 0;
  if (pinned) list.scrollTop = list.scrollHeight;
}

let current: DashboardState = (vscode.getState() as DashboardState | undefined) ?? IDLE_STATE;
renderState(current);

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'state':
      current = msg.state;
      vscode.setState(current);
      renderState(current);
      break;
    case 'log':
      renderLog(msg.entries, msg.replace);
      break;
    case 'ping':
      vscode.postMessage({
        type: 'pong',
        nonce: msg.nonce,
        shown: { phase: el('phase').dataset.phase ?? '', logLines: el('log').childElementCount },
      });
      break;
  }
});

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-command]'))) {
  button.addEventListener('click', () => vscode.postMessage({ type: 'run', command: button.dataset.command as DashboardCommand }));
}

vscode.postMessage({ type: 'ready', protocol: DASHBOARD_PROTOCOL });
