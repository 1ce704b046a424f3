import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Effects } from '../../../src/core/pipeline/journal/effects';
import type { FactoryConfig } from '../../../src/core/config/resolve';
import { Journal, readJournal } from '../../../src/core/pipeline/journal/journal';
import { RunFolder } from '../../../src/core/pipeline/journal/runFolder';
import { resumeRun, type RunDeps } from '../../../src/core/pipeline/runner';

describe('run journal', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'factory-journal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every event as one JSON line, numbered, and reads them back after reopening', () => {
    const file = join(dir, 'journal.jsonl');
    const j = new Journal(file);
    j.append({ type: 'stage', stage: 'blueprint' });
    j.append({ type: 'note', topic: 'x', data: { a: 1 } });
    j.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { seq: number }).seq),
      [1, 2],
    );
    const again = new Journal(file);
    assert.equal(again.all().length, 2);
    assert.equal(again.append({ type: 'stage', stage: 'review' }).seq, 3);
    again.close();
  });

  it('cuts a line torn by a kill, so the next event starts on its own line', () => {
    const file = join(dir, 'journal.jsonl');
    const j = new Journal(file);
    j.append({ type: 'stage', stage: 'blueprint' });
    j.close();
    appendFileSync(file, '{"type":"note","topic":"half');
    const k = new Journal(file);
    assert.equal(k.all().length, 1);
    k.append({ type: 'stage', stage: 'review' });
    k.close();
    const events = readJournal(file);
    assert.deepEqual(
      events.map((e) => e.type),
      ['stage', 'stage'],
    );
  });

  it('never cuts a damaged line in the middle: opening refuses, naming the file and line, and every later event stays on disk', () => {
    const file = join(dir, 'journal.jsonl');
    const ev = (stage: string, seq: number): string => `${JSON.stringify({ type: 'stage', stage, seq, at: 0 })}\n`;
    writeFileSync(file, `${ev('blueprint', 1)}not json at all\n${ev('review', 2)}${ev('waves', 3)}`);
    const kept = readFileSync(file, 'utf8');
    assert.throws(() => new Journal(file), (e: Error) => /journal\.jsonl line 2 is not a journal event/.test(e.message) && /nothing was cut/.test(e.message));
    assert.equal(readFileSync(file, 'utf8'), kept, 'the journal file is unchanged');
    // Readers (factory runs, report.md) still see every event that parses, before and after the damage.
    assert.deepEqual(readJournal(file).map((e) => (e.type === 'stage' ? e.stage : e.type)), ['blueprint', 'review', 'waves']);
  });

  it('takes a line that parses to something other than an event (null, a number) for damage, not an event', () => {
    const file = join(dir, 'journal.jsonl');
    writeFileSync(file, `${JSON.stringify({ type: 'stage', stage: 'blueprint', seq: 1, at: 0 })}\nnull\n42\n${JSON.stringify({ type: 'stage', stage: 'review', seq: 2, at: 0 })}\n`);
    assert.deepEqual(readJournal(file).map((e) => e.type), ['stage', 'stage']);
    assert.throws(() => new Journal(file), /line 2 is not a journal event/);
  });

  it('reads nothing from a journal that does not exist', () => {
    assert.deepEqual(readJournal(join(dir, 'none.jsonl')), []);
  });
});

describe('durable effects', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'factory-effects-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a step once; a reopened journal returns the recorded result without running it again', async () => {
    const file = join(dir, 'journal.jsonl');
    let runs = 0;
    const step = async () => {
      runs++;
      return { answer: 42 };
    };
    const j = new Journal(file);
    assert.deepEqual(await new Effects(j).once('call:a', 'call', step), { answer: 42 });
    j.close();
    const k = new Journal(file);
    const effects = new Effects(k);
    assert.deepEqual(await effects.once('call:a', 'call', step), { answer: 42 });
    assert.equal(runs, 1);
    assert.equal(effects.replayed, 1);
    k.close();
  });

  it('hands a step that started and never finished to its redo, with its detail, then runs it again', async () => {
    const file = join(dir, 'journal.jsonl');
    writeFileSync(file, `${JSON.stringify({ type: 'effect.start', key: 'patch:x', kind: 'patch', detail: { pre: 'bytes' }, seq: 1, at: 0 })}\n`);
    const j = new Journal(file);
    const redone: unknown[] = [];
    let runs = 0;
    const result = await new Effects(j).once(
      'patch:x',
      'patch',
      async () => {
        runs++;
        return 'ok';
      },
      { redo: async (d) => void redone.push(d) },
    );
    assert.equal(result, 'ok');
    assert.equal(runs, 1);
    assert.deepEqual(redone, [{ pre: 'bytes' }]);
    j.close();
  });

  it('records no result for a step that throws, so a resumed run does it again', async () => {
    const file = join(dir, 'journal.jsonl');
    const j = new Journal(file);
    await assert.rejects(new Effects(j).once('call:b', 'call', () => Promise.reject(new Error('cancelled'))));
    j.close();
    const k = new Journal(file);
    let runs = 0;
    await new Effects(k).once('call:b', 'call', async () => ++runs);
    assert.equal(runs, 1);
    k.close();
  });

  it('refuses one key for two live steps (a bug in the caller)', async () => {
    const j = new Journal(join(dir, 'journal.jsonl'));
    const effects = new Effects(j);
    let release: () => void = () => undefined;
    const first = effects.once('k', 'call', () => new Promise<void>((r) => (release = r)));
    await assert.rejects(effects.once('k', 'call', async () => undefined), /used twice/);
    release();
    await first;
    j.close();
  });
});

describe('resuming a run whose journal is damaged in the middle', () => {
  it('refuses with the line to repair, and leaves the journal as it was', async () => {
    const root = mkdtempSync(join(tmpdir(), 'factory-resume-damaged-'));
    try {
      const folder = new RunFolder(root, 'r-1');
      folder.create();
      const ev = (e: object, seq: number): string => `${JSON.stringify({ ...e, seq, at: 0 })}\n`;
      const text = `${ev({ type: 'run', runId: 'r-1', mode: 'create', request: 'x', version: '0', dir: root }, 1)}garbage\n${ev({ type: 'end', state: 'stopped', reason: 'cancelled' }, 2)}`;
      writeFileSync(folder.journalFile, text);
      // Nothing past the journal check is reached: the other ports are never touched.
      const deps = { workspace: { root } } as unknown as RunDeps;
      const out = await resumeRun(deps, {} as FactoryConfig, 'r-1');
      assert.ok('refused' in out);
      assert.match(out.refused, /run r-1 cannot be resumed: .*journal\.jsonl line 2 is not a journal event.*nothing was cut/);
      assert.equal(readFileSync(folder.journalFile, 'utf8'), text);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('blobs beside the journal (pre-images of patched files)', () => {
  it('reads only a sha-256 name, and only bytes that still hash to it', () => {
    const root = mkdtempSync(join(tmpdir(), 'factory-blobs-'));
    try {
      const folder = new RunFolder(root, 'r-1');
      folder.create();
      const hash = folder.putBlob(Buffer.from('old text\n'));
      assert.equal(folder.getBlob(hash).toString('utf8'), 'old text\n');
      writeFileSync(join(root, 'secret.txt'), 'not a blob');
      assert.throws(() => folder.getBlob('../../../../secret.txt'), /names a blob "\.\.\/\.\.\/\.\.\/\.\.\/secret\.txt" that is not a sha-256 name/);
      writeFileSync(join(folder.dir, 'blobs', hash), 'edited\n');
      assert.throws(() => folder.getBlob(hash), /does not hold the bytes it was named for/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
