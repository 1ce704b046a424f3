/**
 * Durable steps. The engine runs a resumed run from the top again; every step that touches the
 * world (a model call, a patch, a command, a snapshot, a rollback, a person's answer) goes through
 * `once` under a key naming its place in the run (`call:review:r2:qc`, `patch:T1:tests:a1`). A key
 * whose `done` is in the journal is not run again: its recorded result is returned. So no answered
 * call is asked again and no patch is applied twice. A key that started and never finished (the
 * kill came in between) is handed to its `redo` first, to bring the workspace back to a consistent
 * state (a half-written patch puts back its pre-images), and then run again.
 */
import type { EffectKind, Journalled } from './events';
import type { Journal } from './journal';

export interface EffectOptions {
  /** Recorded with the start: what `redo` needs (e.g. the pre-images of the files a patch changes). */
  detail?: unknown;
  /** Called for a step that started before a stop and never finished, with its recorded detail. */
  redo?: (detail: unknown) => Promise<void>;
}

export class Effects {
  private readonly done = new Map<string, unknown>();
  private readonly started = new Map<string, unknown>();
  private readonly live = new Set<string>();
  /** How many recorded results were reused: a resumed run reports it. */
  replayed = 0;

  constructor(private readonly journal: Journal) {
    for (const e of journal.all()) this.learn(e);
  }

  private learn(e: Journalled): void {
    if (e.type === 'effect.start') this.started.set(e.key, e.detail);
    if (e.type === 'effect.done') {
      this.done.set(e.key, e.result);
      this.started.delete(e.key);
    }
  }

  has(key: string): boolean {
    return this.done.has(key);
  }

  /** The recorded result of a finished step, or undefined. */
  recorded(key: string): unknown {
    return this.done.get(key);
  }

  /**
   * For a step that computes what it will do before it starts (a patch knows its pre-images only
   * after matching): puts back what an unfinished earlier try of `key` left, before anything is read.
   */
  async settle(key: string, redo: (detail: unknown) => Promise<void>): Promise<void> {
    if (this.done.has(key) || !this.started.has(key)) return;
    await redo(this.started.get(key));
    this.started.delete(key);
  }

  async once<T>(key: string, kind: EffectKind, run: () => Promise<T>, options: EffectOptions = {}): Promise<T> {
    if (this.done.has(key)) {
      this.replayed++;
      return this.done.get(key) as T;
    }
    // Two live steps under one key would both run: a bug in the caller's keys.
    if (this.live.has(key)) throw new Error(`effect key used twice in one run: ${key}`);
    this.live.add(key);
    if (this.started.has(key)) {
      await options.redo?.(this.started.get(key));
      this.started.delete(key);
    }
    this.journal.append({ type: 'effect.start', key, kind, detail: options.detail });
    let result: T;
    try {
      result = await run();
    } finally {
      this.live.delete(key);
    }
    // Results are plain JSON, so a replayed one is the same value a live one was.
    this.journal.append({ type: 'effect.done', key, kind, result: result === undefined ? null : result });
    this.done.set(key, result);
    return result;
  }
}
