/**
 * Messages between the extension host and the dashboard webview. Both sides import these types;
 * messages arriving from the webview are checked with `parseWebviewMessage` before use.
 */
import type { LogEntry } from '../core/log/entry';
import type { RunPicture } from '../core/pipeline/report/runPicture';

/** 2: the run picture, the journal's log lines, and the run actions (open, gate, task diff, evidence); 3: model text as it streams (`callText`). */
export const DASHBOARD_PROTOCOL = 3;

export type RunPhase = 'idle' | 'running' | 'stopped' | 'done' | 'failed';

export interface DashboardState {
  phase: RunPhase;
  /** What the run is doing now, e.g. "review round 2". */
  stage: string;
  request: string | null;
  /** False in an untrusted workspace: the dashboard says why nothing can run. */
  trusted: boolean;
  /** A sentence for the person: what happened last, or what to do next. */
  notice: string | null;
  /** The run shown, projected from its journal: the one going, else the folder's last; null when there is none. */
  run: RunPicture | null;
}

export const IDLE_STATE: DashboardState = { phase: 'idle', stage: '', request: null, trusted: true, notice: null, run: null };

/**
 * Commands a dashboard button may ask for; the host maps each to its VS Code command (welcome: the
 * walkthrough, manageTrust: VS Code's workspace trust editor). Nothing else can be asked by name.
 */
export const DASHBOARD_COMMANDS = ['build', 'audit', 'update', 'cancel', 'resume', 'setApiKey', 'configureRoles', 'welcome', 'manageTrust'] as const;
export type DashboardCommand = (typeof DASHBOARD_COMMANDS)[number];

export const RUN_FILES = ['blueprint', 'report'] as const;
export type RunFile = (typeof RUN_FILES)[number];

/** The person's answer to a human gate from the dashboard; Reject asks for the reason in VS Code. */
export type GateChoice = 'ACCEPT' | 'REJECT';

/**
 * Streamed text of a model call still answering, for its log line (the entry whose `call` is this
 * key). Parts are batched, so a long answer is a few messages a second, not one per delta.
 */
export interface CallTextPart {
  call: string;
  /** Text to add to what the line shows. */
  text: string;
  /** Start over with `text`: the text so far is void (a retry answered differently), or a page is repainted. */
  reset?: boolean;
  /** The call ended: its streamed text goes (an answer has a line of its own, with the whole text). */
  end?: boolean;
}

export type HostToWebview =
  | { type: 'state'; state: DashboardState }
  | { type: 'callText'; parts: CallTextPart[] }
  /** Log lines to append, or with `replace` the whole log (a replay after `ready`). */
  | { type: 'log'; entries: LogEntry[]; replace: boolean }
  | { type: 'ping'; nonce: string };

/** What the page shows, read from its DOM (a ping's answer): the phase, the log's length, and the run picture in words. */
export interface Shown {
  phase: string;
  logLines: number;
  /** "<run id> | <stage>:<status> … | <task>:<status> …"; empty with no run shown. */
  picture: string;
  /** The streamed text the log shows under calls still answering, joined; empty when none is. */
  live: string;
}

export type WebviewToHost =
  | { type: 'ready'; protocol: number }
  /** Answer to a ping: what the page shows now, read from the DOM. */
  | { type: 'pong'; nonce: string; shown: Shown }
  | { type: 'run'; command: DashboardCommand }
  | { type: 'open'; file: RunFile; runId: string }
  | { type: 'gate'; runId: string; verdict: GateChoice }
  /** The host turns it into the command `factory.showTaskDiff` with {runId, taskId}. */
  | { type: 'taskDiff'; runId: string; taskId: string }
  /** The task's evidence: its section of report.md, or its lines of the journal while the run goes. */
  | { type: 'evidence'; runId: string; taskId: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Run ids and task ids as the engine makes them; anything else (paths, long strings) is refused. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => (list as readonly unknown[]).includes(v);

/** Returns the message if it is one the host understands, otherwise undefined. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return typeof raw.protocol === 'number' ? { type: 'ready', protocol: raw.protocol } : undefined;
    case 'pong': {
      const shown = raw.shown;
      if (typeof raw.nonce !== 'string' || !isRecord(shown)) return undefined;
      if (typeof shown.phase !== 'string' || typeof shown.logLines !== 'number') return undefined;
      const text = (v: unknown): string => (typeof v === 'string' ? v : '');
      return { type: 'pong', nonce: raw.nonce, shown: { phase: shown.phase, logLines: shown.logLines, picture: text(shown.picture), live: text(shown.live) } };
    }
    case 'run':
      return oneOf(DASHBOARD_COMMANDS, raw.command) ? { type: 'run', command: raw.command } : undefined;
    case 'open':
      return oneOf(RUN_FILES, raw.file) && isId(raw.runId) ? { type: 'open', file: raw.file, runId: raw.runId } : undefined;
    case 'gate':
      return isId(raw.runId) && (raw.verdict === 'ACCEPT' || raw.verdict === 'REJECT') ? { type: 'gate', runId: raw.runId, verdict: raw.verdict } : undefined;
    case 'taskDiff':
    case 'evidence':
      return isId(raw.runId) && isId(raw.taskId) ? { type: raw.type, runId: raw.runId, taskId: raw.taskId } : undefined;
    default:
      return undefined;
  }
}
