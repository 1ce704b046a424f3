/**
 * The dashboard page script: draws the state and the run picture the host sends, keeps the run log
 * (windowed), and turns button presses into typed messages for the host. It keeps no state the host
 * does not also have, except a copy saved with setState so a hidden-then-shown view paints at once.
 */
import { DASHBOARD_PROTOCOL, IDLE_STATE, type DashboardCommand, type DashboardState, type GateChoice, type HostToWebview, type RunFile, type WebviewToHost } from '../shared/messages';
import { byId } from './dom';
import { LogWindow } from './logWindow';
import { renderRun } from './renderRun';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const PHASE_LABELS: Record<DashboardState['phase'], string> = {
  idle: 'Idle',
  running: 'Running',
  stopped: 'Stopped',
  done: 'Done',
  failed: 'Failed',
};

const vscode = acquireVsCodeApi();
const log = new LogWindow(byId('log'));
let current: DashboardState = IDLE_STATE;

function show(id: string, on: boolean): void {
  byId(id).hidden = !on;
}

function renderState(state: DashboardState): void {
  const run = state.run;
  const phase = byId('phase');
  phase.textContent = PHASE_LABELS[state.phase];
  phase.dataset.phase = state.phase;
  // The stage is news while the run goes; after, the phase and the notice say how it ended.
  byId('stage').textContent = state.stage && state.phase === 'running' ? ` — ${state.stage}` : '';
  byId('request').textContent = state.request ?? run?.request ?? '';
  const notice = byId('notice');
  notice.textContent = state.notice ?? '';
  notice.hidden = !state.notice;
  show('untrusted', !state.trusted);
  // No run in this folder yet: what Factory does, and that models come first.
  show('empty', run === null && state.phase === 'idle');

  const running = state.phase === 'running';
  const canStart = !running && state.trusted;
  byId<HTMLButtonElement>('btn-build').disabled = !canStart;
  byId<HTMLButtonElement>('btn-audit').disabled = !canStart;
  show('btn-build', !running);
  show('btn-audit', !running);
  byId<HTMLButtonElement>('btn-cancel').disabled = !running;
  show('btn-cancel', running);
  show('btn-resume', !running && run !== null && (run.state === 'stopped' || run.state === 'running'));
  byId<HTMLButtonElement>('btn-resume').disabled = !state.trusted;
  const blueprintWritten = run !== null && run.mode !== 'audit' && run.stages.some((s) => s.stage === 'blueprint' && s.status !== 'waiting' && s.status !== 'skipped');
  show('btn-blueprint', blueprintWritten);
  show('btn-report', run !== null && run.state !== 'running');
  renderRun(run, running);
}

/** The run picture as the page draws it, in words: what a ping reports, so a test can compare two pages. */
function shownPicture(): string {
  if (byId('picture').hidden) return '';
  const of = (selector: string, key: string): string =>
    Array.from(document.querySelectorAll<HTMLElement>(selector))
      .map((e) => `${e.dataset[key] ?? ''}:${e.dataset.status ?? ''}`)
      .join(' ');
  return [current.run?.runId ?? '', of('#stages li', 'stage'), of('#board li.task', 'task')].join(' | ');
}

function paint(state: DashboardState): void {
  current = state;
  vscode.setState(state);
  renderState(state);
}

function renderLog(entries: Extract<HostToWebview, { type: 'log' }>): void {
  if (entries.replace) log.replace(entries.entries);
  else log.append(entries.entries);
  byId('log-empty').hidden = log.count > 0;
}

const saved = vscode.getState() as DashboardState | undefined;
// A state saved by an older page may lack fields: fill them from the idle state.
renderState(saved ? { ...IDLE_STATE, ...saved } : IDLE_STATE);
if (saved) current = { ...IDLE_STATE, ...saved };

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'state':
      paint(msg.state);
      break;
    case 'log':
      renderLog(msg);
      break;
    case 'callText':
      log.stream(msg.parts);
      break;
    case 'ping':
      vscode.postMessage({ type: 'pong', nonce: msg.nonce, shown: { phase: byId('phase').dataset.phase ?? '', logLines: log.count, picture: shownPicture(), live: log.liveText } });
      break;
  }
});

// One listener for every button, present or drawn later: no handler in the markup (the CSP forbids them).
document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest('button');
  if (!button || button.disabled) return;
  const d = button.dataset;
  const runId = current.run?.runId;
  if (d.command) vscode.postMessage({ type: 'run', command: d.command as DashboardCommand });
  else if (d.open && runId) vscode.postMessage({ type: 'open', file: d.open as RunFile, runId });
  else if (d.gate && runId) vscode.postMessage({ type: 'gate', runId, verdict: d.gate as GateChoice });
  else if (d.diff && runId) vscode.postMessage({ type: 'taskDiff', runId, taskId: d.diff });
  else if (d.evidence && runId) vscode.postMessage({ type: 'evidence', runId, taskId: d.evidence });
});

vscode.postMessage({ type: 'ready', protocol: DASHBOARD_PROTOCOL });
