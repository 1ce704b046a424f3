/** `factory runs [--dir D] [--json]`: the workspace's runs, oldest first, each read from its journal. */
import { join } from 'node:path';
import type { Journalled, RunState, Stage } from '../core/pipeline/journal/events';
import { readJournal } from '../core/pipeline/journal/journal';
import { listRunIds, RUNS_DIR } from '../core/pipeline/journal/runFolder';
import type { CliIo } from './io';
import { costText, runCost, type RunCost } from './runCost';
import { workspaceDir } from './workspaceDir';

export interface RunRow {
  id: string;
  request: string;
  stage: Stage | null;
  /** `unfinished`: no end after its last start; it is running now, or was killed (then resume it). */
  state: Exclude<RunState, 'running'> | 'unfinished';
  reason: string | null;
  cost: RunCost;
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
    request: start?.type === 'run' ? start.request : '',
    stage,
    state: end?.state ?? 'unfinished',
    reason: end?.reason ?? null,
    cost: runCost(events),
  };
}

export async function runsCommand(io: CliIo, flags: { dir?: string; json?: boolean }): Promise<void> {
  const dir = await workspaceDir(io.cwd, flags.dir);
  const rows = listRunIds(dir).map((id) => runRow(id, readJournal(join(dir, RUNS_DIR, id, 'journal.jsonl'))));
  if (flags.json) {
    for (const r of rows) io.stdout(`${JSON.stringify(r)}\n`);
    return;
  }
  if (rows.length === 0) {
    io.stdout(`No runs in ${dir} yet. Start one with: factory build "<request>"\n`);
    return;
  }
  const table = [['RUN', 'STAGE', 'STATE', 'COST', 'REQUEST'], ...rows.map((r) => [r.id, r.stage?.replace('_', ' ') ?? '-', r.state.replace('_', ' '), costText(r.cost), r.request.length > 60 ? `${r.request.slice(0, 59)}…` : r.request])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  for (const row of table) io.stdout(`${row.map((c, i) => (i < 4 ? c.padEnd(widths[i] ?? 0) : c)).join('  ')}\n`);
  if (rows.some((r) => r.state === 'stopped' || r.state === 'unfinished')) io.stdout('A stopped or unfinished run goes on with: factory resume <run>\n');
}
