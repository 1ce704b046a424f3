import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEvent, Journalled } from '../../../../src/core/pipeline/journal/events';
import { RunFolder } from '../../../../src/core/pipeline/journal/runFolder';
import { changedFiles, startedTasks, taskImages } from '../../../../src/core/pipeline/inline/taskChanges';

const journal = (...events: JournalEvent[]): Journalled[] => events.map((e, i) => ({ ...e, seq: i + 1, at: i + 1 }) as Journalled);

// Issue 10, item 4: a task's diff in the editor compares its files before the task (the snapshot in
// the journal, the bytes in the run's blobs) with the files now.
describe("a task's changes: its pre-task images against the files now", () => {
  let root: string;
  let run: RunFolder;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'factory-taskchanges-'));
    run = new RunFolder(root, 'R1');
    run.create();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('lists the files that differ now: changed, created by the task, removed since; an unchanged file and a still-absent one are left out', async () => {
    const images = [
      { path: 'src/a.js', blob: run.putBlob(Buffer.from('old a\n')) },
      { path: 'src/same.js', blob: run.putBlob(Buffer.from('same\n')) },
      { path: 'test/a.test.js', blob: null },
      { path: 'src/gone.js', blob: run.putBlob(Buffer.from('was here\n')) },
      { path: 'src/never.js', blob: null },
    ];
    write('src/a.js', 'new a\n');
    write('src/same.js', 'same\n');
    write('test/a.test.js', 'test\n');
    const events = journal(
      { type: 'effect.start', key: 'snapshot:T1', kind: 'snapshot' },
      { type: 'effect.done', key: 'snapshot:T1', kind: 'snapshot', result: { images, absentDirs: [] } },
      { type: 'effect.done', key: 'snapshot:T2', kind: 'snapshot', result: { images: [], absentDirs: [] } },
    );
    assert.deepEqual(startedTasks(events), ['T1', 'T2']);
    assert.equal(taskImages(events, 'T3'), undefined, 'a task that never started has no images');
    const found = taskImages(events, 'T1');
    assert.ok(found);
    assert.deepEqual(await changedFiles(run, found), [
      { path: 'src/a.js', blob: images[0]?.blob, exists: true },
      { path: 'test/a.test.js', blob: null, exists: true },
      { path: 'src/gone.js', blob: images[3]?.blob, exists: false },
    ]);
  });

  it('a path from a hand-edited journal that leaves the workspace is not read', async () => {
    writeFileSync(join(root, '..', `outside-${process.pid}.txt`), 'secret');
    try {
      assert.deepEqual(await changedFiles(run, [{ path: `../outside-${process.pid}.txt`, blob: null }]), []);
    } finally {
      rmSync(join(root, '..', `outside-${process.pid}.txt`), { force: true });
    }
  });
});
