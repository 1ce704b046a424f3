/**
 * report.md's "Where commands ran": whether the run's commands ran in the sandbox (and if not, why
 * and what to install), and for every command the run recorded, whether it ran sandboxed.
 */
import type { Journalled } from '../journal/events';
import { commandText, isRecord, table, text } from './md';
import type { RunNote } from './runNotes';

function statusLines(status: Record<string, unknown>): string[] {
  if (status.sandboxed === true) {
    const limits = isRecord(status.limits) ? status.limits : {};
    return [
      `Commands ran in a sandbox (${text(status.tool) || 'bubblewrap'}): the workspace writable with .git and .factory read-only, a private /tmp, the home folder hidden, the rest of the file system read-only, no network beyond the sandbox's own loopback. ` +
        `Each command: at most ${text(limits.maxProcesses)} processes (${text(limits.processCap)}), at most ${text(limits.memoryMb)} MiB of memory per process.`,
      ...(typeof status.warning === 'string' ? ['', `**Warning**: ${status.warning}`] : []),
    ];
  }
  if (status.mode === 'off') return ['Commands ran WITHOUT a sandbox: exec.sandbox is "off".'];
  if (typeof status.refusal === 'string') return [`**No command ran**: ${status.refusal}`];
  return [`**Warning: commands ran WITHOUT a sandbox**: ${text(status.warning)}`];
}

function ranText(r: Record<string, unknown>): string {
  if (typeof r.spawnError === 'string') return 'not started';
  if (r.sandboxed === true) return 'sandboxed';
  if (r.sandboxed === false) return 'NOT sandboxed';
  return 'not recorded';
}

export function sandboxSection(events: readonly Journalled[], notes: readonly RunNote[]): string[] {
  const said = [...notes].reverse().find((n) => n.topic === 'sandbox');
  const rows: string[][] = [];
  for (const e of events) {
    if (e.type !== 'effect.done' || e.kind !== 'command' || !isRecord(e.result)) continue;
    const r = e.result;
    const probe = /^command:verify:probe:(.+)$/.exec(e.key)?.[1];
    const what = Array.isArray(r.argv) ? `\`${commandText(r.argv)}\`` : probe !== undefined ? `probe ${probe} (${text(r.kind) || 'command'})` : e.key === 'command:verify:start' ? 'the app (core.commands.start)' : e.key.replace(/^command:/, '');
    rows.push([what, ranText(r)]);
  }
  if (!said && rows.length === 0) return [];
  return ['## Where commands ran', '', ...(said ? statusLines(said.data) : []), ...(rows.length ? ['', ...table(['Command', 'Ran'], rows)] : []), ''];
}
