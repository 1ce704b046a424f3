/**
 * What Factory's notifications say, in one place. A notification shows only its first words until it
 * is expanded, so each leads with the outcome ("Shipped:", "Build not started:") and keeps ids and
 * paths for the end; a neutral notice (nothing is wrong) is information, not a warning. Pure: the
 * host shows these (notify.ts).
 */
export type NoticeLevel = 'info' | 'warning' | 'error';

/** A file is named by its path here; the host turns it into a Uri. */
export type ActionArg = string | { file: string };

export interface NoticeAction {
  label: string;
  command: string;
  args?: ActionArg[];
}

export interface Notice {
  level: NoticeLevel;
  text: string;
  actions: NoticeAction[];
}

export const FIX_FINDINGS = 'Fix Findings with Update';

export interface RunEndFacts {
  mode: 'create' | 'update' | 'audit';
  state: 'shipped' | 'not_shipped' | 'stopped';
  runId: string;
  request: string;
  reason: string;
  /** Why it was stopped, when not by the person (the workspace lost trust, a question was closed). */
  why?: string;
  /** Stopped by "Factory: Cancel Run" or the notification's Cancel: what was asked for, so no warning. */
  cancelled: boolean;
  reportFile?: string;
  /** An audit's findings, offered to be fixed with an UPDATE. */
  findings?: number;
}

const short = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function endNotice(e: RunEndFacts): Notice {
  const report: NoticeAction[] = e.reportFile ? [{ label: 'Open Report', command: 'vscode.open', args: [{ file: e.reportFile }] }] : [];
  const tail = ` (run ${e.runId})`;
  if (e.state === 'stopped') {
    return {
      level: e.cancelled ? 'info' : 'warning',
      text: `Stopped (resumable)${e.why ? `, ${e.why}` : ''}: ${e.reason}${tail}`,
      actions: [{ label: 'Resume', command: 'factory.resume', args: [e.runId] }, ...report],
    };
  }
  // The report's Uri names the folder audited, which the run id alone does not.
  const fix: NoticeAction[] = e.findings ? [{ label: FIX_FINDINGS, command: 'factory.updateFromAudit', args: [e.reportFile ? { file: e.reportFile } : e.runId] }] : [];
  if (e.mode === 'audit') {
    return e.state === 'shipped'
      ? { level: 'info', text: `Audit done: ${e.reason}${tail}`, actions: [...report, ...fix] }
      : { level: 'warning', text: `Audit could not finish: ${e.reason}${tail}`, actions: [...report, ...fix] };
  }
  return e.state === 'shipped'
    ? { level: 'info', text: `Shipped: ${short(e.request)} — ${e.reason}${tail}`, actions: report }
    : { level: 'warning', text: `Not shipped: ${e.reason}${tail}`, actions: report };
}

/**
 * One problem as a sentence: `roles.ceo: is empty: …` reads "the setting factory.roles.ceo is empty: …";
 * a key problem ("roles.qc: No API key for …") leads with its own words.
 */
function sentence(line: string, settingPrefix: string): string {
  const m = /^\s*([\w.()\s-]+?): (.*)$/s.exec(line);
  if (!m) return line.trim();
  const [, path = '', rest = ''] = m;
  if (/^(is|must|are) /.test(rest) || /^"/.test(rest)) {
    const setting = path.startsWith(settingPrefix) || !settingPrefix ? path : `${settingPrefix}${path}`;
    return /^"/.test(rest) ? `the setting ${setting}: ${rest}` : `the setting ${setting} ${rest}`;
  }
  return rest.charAt(0).toLowerCase() + rest.slice(1);
}

/** A command that refused to start; `lines` are its problems, the first shown, the count of the rest. */
export function notStarted(what: string, lines: readonly string[], settingPrefix = '', actions: NoticeAction[] = []): Notice {
  const [first = 'nothing to say', ...rest] = lines;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'}; see the Factory output)` : '';
  return { level: 'error', text: `${what} not started: ${sentence(first, settingPrefix)}${more}`, actions };
}

export function busyNotice(busy: string): Notice {
  return { level: 'info', text: busy, actions: [{ label: 'Cancel Run', command: 'factory.cancel' }] };
}

export function untrustedNotice(what: string): Notice {
  return {
    level: 'info',
    text: `${what} not run: this workspace is not trusted. Factory lets language models write files and run build and test commands; trust the workspace to use it.`,
    actions: [{ label: 'Manage Workspace Trust', command: 'workbench.trust.manage' }],
  };
}
