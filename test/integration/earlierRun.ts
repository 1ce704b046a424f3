/**
 * A run from before VS Code started, left in the integration workspace before the host opens it (as
 * after a restart): a folder `earlier/` whose latest run's journal holds a code QC finding on one of
 * its files. Factory shows it as a diagnostic once it activates (findingsRestored.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EARLIER = {
  folder: 'earlier',
  file: 'src/left.js',
  runId: '20260101-000000-e4r1',
  finding: { severity: 'medium', file: 'src/left.js', line: 2, issue: 'a finding from before the restart', fix: 'keep it in view' },
} as const;

export function seedEarlierRun(workspace: string): void {
  const folder = join(workspace, EARLIER.folder);
  mkdirSync(join(folder, 'src'), { recursive: true });
  writeFileSync(join(folder, EARLIER.file), 'const a = 1;\nconst b = a + 1;\n');
  const run = join(folder, '.factory', 'runs', EARLIER.runId);
  mkdirSync(run, { recursive: true });
  const events = [
    { type: 'run', runId: EARLIER.runId, mode: 'create', request: 'an earlier run', version: '0', dir: folder, seq: 1, at: 1 },
    { type: 'note', topic: 'code_qc', data: { score: 90, findings: [EARLIER.finding] }, seq: 2, at: 2 },
    { type: 'end', state: 'shipped', reason: 'shipped', seq: 3, at: 3 },
  ];
  writeFileSync(join(run, 'journal.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
}
