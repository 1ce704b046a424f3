/**
 * The notes of a run as it happened, once each. A resumed run goes through its stages from the top
 * again, so notes of the steps it replays are written again; a note that repeats one of an earlier
 * try (same topic, task and data) is that same note, and is kept once. Within one try every note counts.
 */
import type { Journalled } from '../journal/events';

export interface RunNote {
  seq: number;
  topic: string;
  task?: string;
  data: Record<string, unknown>;
}

export function runNotes(events: readonly Journalled[]): RunNote[] {
  const kept = new Map<string, number>();
  let inTry = new Map<string, number>();
  const notes: RunNote[] = [];
  for (const e of events) {
    if (e.type === 'resumed') inTry = new Map();
    if (e.type !== 'note') continue;
    const key = JSON.stringify([e.topic, e.task ?? null, e.data]);
    const n = (inTry.get(key) ?? 0) + 1;
    inTry.set(key, n);
    if (n <= (kept.get(key) ?? 0)) continue;
    kept.set(key, n);
    const data = typeof e.data === 'object' && e.data !== null && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : { value: e.data };
    notes.push({ seq: e.seq, topic: e.topic, ...(e.task !== undefined ? { task: e.task } : {}), data });
  }
  return notes;
}
