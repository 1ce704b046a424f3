import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Effects } from '../../../src/core/pipeline/journal/effects';
import { Journal, readJournal } from '../../../src/core/pipeline/journal/journal';

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
