/**
 * Messages between the extension host and the dashboard webview. Both sides import these types;
 * messages arriving from the webview are checked with `parseWebviewMessage` before use.
 */
import type { LogEntry } from '../core/log/entry';

export const DASHBOARD_PROTOCOL = 1;

export type RunPhase = 'idle' | 'running' | 'stopped' | 'done' | 'failed';

export interface ScoreView {
  name: string;
  value: number;
  target: number;
}

export interface DashboardState {
  phase: RunPhase;
  /** What the run is doing now, e.g. "review round 2". */
  stage: string;
  request: string | null;
  scores: ScoreView[];
  /** False in an untrusted workspace: the dashboard says why nothing can run. */
  trusted: boolean;
  /** A sentence for the person: what happened last, or what to do next. */
  notice: string | null;
}

export const IDLE_STATE: DashboardState = { phase: 'idle', stage: '', request: null, scores: [], trusted: true, notice: null };

export const DASHBOARD_COMMANDS = ['build', 'audit', 'update', 'cancel', 'resume', 'setApiKey'] as const;
export type DashboardCommand = (typeof DASHBOARD_COMMANDS)[number];

export type HostToWebview =
  | { type: 'state'; state: DashboardState }
  | { type: 'log'; entries: LogEntry[]; replace: boolean }
  | { type: 'ping'; nonce: string };

export type WebviewToHost =
  | { type: 'ready'; protocol: number }
  /** Answer to a ping: what the page shows now, read from the DOM. */
  | { type: 'pong'; nonce: string; shown: { phase: string; logLines: number } }
  | { type: 'run'; command: DashboardCommand };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

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
      return { type: 'pong', nonce: raw.nonce, shown: { phase: shown.phase, logLines: shown.logLines } };
    }
    case 'run':
      return (DASHBOARD_COMMANDS as readonly unknown[]).includes(raw.command)
        ? { type: 'run', command: raw.command as DashboardCommand }
        : undefined;
    default:
      return undefined;
  }
}
