/** Probes and what the engine observed of them, as text for the twin (and the same words for people). */
import type { Probe } from '../../protocol';
import type { ProbeObservation } from './runProbe';

const BODY_CHARS = 2000;

export function describeProbe(p: Probe): string {
  if (p.kind === 'command') return `${p.id} command: ${p.argv.map(word).join(' ')}${p.stdin ? ` (stdin ${JSON.stringify(short(p.stdin, 200))})` : ''}`;
  return `${p.id} http: ${p.method} ${p.path}${p.body !== undefined ? ` body ${JSON.stringify(short(p.body, 200))}` : ''}`;
}

export function describeObservations(probes: readonly Probe[], seen: ReadonlyMap<string, ProbeObservation | { id: string; refused: string }>): string {
  return probes
    .map((p) => {
      const o = seen.get(p.id);
      if (!o) return `### ${p.id}\nNot run.`;
      if ('refused' in o) return `### ${p.id}\nRefused by the engine, not run: ${o.refused}`;
      return `### ${p.id}\n${observedText(o)}`;
    })
    .join('\n\n');
}

export function observedText(o: ProbeObservation): string {
  const lines: string[] = [];
  if (o.error !== undefined && o.exitCode === undefined && o.status === undefined && o.durationMs === 0) {
    lines.push(`Not run: ${o.error}`);
  } else if (o.kind === 'command') {
    if (o.spawnError) lines.push(`Did not start: ${o.spawnError}`);
    else if (o.timedOut) lines.push(`Timed out after ${o.durationMs} ms and was killed.`);
    else lines.push(o.signal ? `Killed by ${o.signal} after ${o.durationMs} ms.` : `Exit code ${o.exitCode} after ${o.durationMs} ms.`);
    if (o.output) lines.push('Output:', fence(o.output));
    else if (!o.spawnError) lines.push('No output.');
  } else if (o.status === undefined) {
    lines.push(`No response: ${o.error ?? 'none'}`);
  } else {
    lines.push(`HTTP ${o.status} after ${o.durationMs} ms.`);
    const type = o.headers?.['content-type'];
    if (type) lines.push(`content-type: ${type}`);
    lines.push(o.body ? `Body${o.bodyTruncated ? ' (cut)' : ''}:\n${fence(short(o.body, BODY_CHARS))}` : 'Empty body.');
  }
  if (o.app?.running === false) {
    lines.push(`THE APP STOPPED during this probe (${o.app.signal ? `signal ${o.app.signal}` : `exit code ${o.app.exitCode}`}).`);
    if (o.app.output) lines.push('Its last output:', fence(short(o.app.output, BODY_CHARS)));
  } else if (o.app?.running) lines.push('The app was still running afterwards.');
  return lines.join('\n');
}

function fence(text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}\n${text.replace(/\n$/, '')}\n${ticks}`;
}

function short(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function word(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w);
}
