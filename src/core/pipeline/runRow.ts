/**
 * One line per run of a folder, read from its journal: what was asked, where it got to, how it
 * ended, what it cost. `factory runs` prints them; "Factory: Resume Run" offers the resumable ones.
 */
import { join } from 'node:path';
import type { Journalled, RunMode, RunState, Stage } from './journal/events';
import { readJournal } from './journal/journal';
import { listRunIds, RUNS_DIR } from './journal/runFolder';
import { runCost, type RunCost } from './runCost';

export interface RunRow {
  id: string;
  /** CREATE, AUDIT or UPDATE, from the run event. */
  mode: RunMode;
  request: string;
  stage: Stage | null;
  /** `unfinished`: no end after its last start; it is running now, or was killed (then resume it). */
  state: Exclude<RunState, 'running'> | 'unfinished';
  reason: string | null;
  cost: RunCost;
  /** When the journal last changed (ms since epoch): how long ago the run stopped; null for an empty journal. */
  lastAt: number | null;
}

export function runRow(id: string, events: readonly Journalled[]): RunRow {
  const start = events.find((e) => e.type === 'run');
  let stage: Stage | null = null;
  let end: Extract<Journalled, { type: 'end' }> | undefined;
  for (const e of events) {
    if (e.type === 'stage') stage = e.stage;
    if (e.type === 'end') end = e;
    if (e.type === 'resumed') end = undefined;
  }
  return {
    id,
    mode: start?.type === 'run' ? start.mode : 'create',
    request: start?.type === 'run' ? start.request : '',
    stage,
    state: end?.state ?? 'unfinished',
    reason: end?.reason ?? null,
    cost: runCost(events),
    lastAt: events.at(-1)?.at ?? null,
  };
}

/** The runs of the workspace at `dir`, oldest first. */
export function listRuns(dir: string): RunRow[] {
  return listRunIds(dir).map((id) => runRow(id, readJournal(join(dir, RUNS_DIR, id, 'journal.jsonl'))));
}

/** A run that `resume` can go on with: stopped (cancel, budget, a provider), or killed before its end. */
export const isResumable = (row: RunRow): boolean => row.state === 'stopped' || row.state === 'unfinished';
