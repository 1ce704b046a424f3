/** `factory runs [--dir D] [--json]`: the workspace's runs, oldest first, each read from its journal. */
import { costText } from '../core/pipeline/runCost';
import { isResumable, listRuns } from '../core/pipeline/runRow';
import type { CliIo } from './io';
import { workspaceDir } from './workspaceDir';

export async function runsCommand(io: CliIo, flags: { dir?: string; json?: boolean }): Promise<void> {
  const dir = await workspaceDir(io.cwd, flags.dir);
  const rows = listRuns(dir);
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
  if (rows.some(isResumable)) io.stdout('A stopped or unfinished run goes on with: factory resume <run>\n');
}
