import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runsCommand } from '../../../src/cli/runsCommand';
import { Journal } from '../../../src/core/pipeline/journal/journal';
import { RunFolder } from '../../../src/core/pipeline/journal/runFolder';
import type { JournalEvent } from '../../../src/core/pipeline/journal/events';

function writeRun(root: string, id: string, events: JournalEvent[]): void {
  const folder = new RunFolder(root, id);
  folder.create();
  const j = new Journal(folder.journalFile);
  for (const e of events) j.append(e);
  j.close();
}

const start = (runId: string, request: string): JournalEvent => ({ type: 'run', runId, mode: 'create', request, version: '0', dir: '/x' });
const call = (key: string, usd: number | null): JournalEvent[] => [
  { type: 'effect.start', key, kind: 'call' },
  { type: 'effect.done', key, kind: 'call', result: { text: '', usd } },
];

describe('factory runs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'factory-runs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function runs(json = false): Promise<string> {
    let out = '';
    await runsCommand({ stdout: (t) => (out += t), stderr: () => undefined, cwd: dir, env: {} }, { json });
    return out;
  }

  it('lists each run with its last stage, its state and its cost, read from its journal, oldest first', async () => {
    writeRun(dir, '20260101-000000-aaaa', [start('20260101-000000-aaaa', 'a slugify library'), { type: 'stage', stage: 'blueprint' }, ...call('call:blueprint', 0.5), { type: 'stage', stage: 'review' }, { type: 'end', state: 'shipped', reason: 'ok' }]);
    writeRun(dir, '20260102-000000-bbbb', [start('20260102-000000-bbbb', 'a todo app'), { type: 'stage', stage: 'gate' }, ...call('call:blueprint', 0.25), ...call('call:gate', null), { type: 'end', state: 'stopped', reason: 'budget' }]);
    // Killed: no end after its resume.
    writeRun(dir, '20260103-000000-cccc', [start('20260103-000000-cccc', 'x'), { type: 'stage', stage: 'waves' }, { type: 'end', state: 'stopped', reason: 'cancelled' }, { type: 'resumed', attempt: 1 }]);
    const lines = (await runs()).split('\n');
    assert.match(lines[0] ?? '', /^RUN\s+STAGE\s+STATE\s+COST\s+REQUEST$/);
    assert.match(lines[1] ?? '', /^20260101-000000-aaaa\s+review\s+shipped\s+\$0\.5000\s+a slugify library$/);
    assert.match(lines[2] ?? '', /^20260102-000000-bbbb\s+gate\s+stopped\s+\$0\.2500 \+ 1 call of unknown price\s+a todo app$/);
    assert.match(lines[3] ?? '', /^20260103-000000-cccc\s+waves\s+unfinished\s+\$0\.0000\s+x$/);
    assert.match(lines[4] ?? '', /factory resume <run>/);
  });

  it('--json: one object per run', async () => {
    writeRun(dir, 'r1', [start('r1', 'req'), { type: 'stage', stage: 'review' }, ...call('call:a', 0.1), { type: 'end', state: 'not_shipped', reason: 'rejected' }]);
    const rows = (await runs(true)).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(rows, [{ id: 'r1', mode: 'create', request: 'req', stage: 'review', state: 'not_shipped', reason: 'rejected', cost: { usd: 0.1, calls: 1, unpriced: 0 }, lastAt: rows[0]?.lastAt }]);
    assert.equal(typeof rows[0]?.lastAt, 'number', 'when the run was last active');
  });

  it('says there are none, and how to start one', async () => {
    assert.match(await runs(), /No runs in .* yet\. Start one with: factory build/);
  });
});
