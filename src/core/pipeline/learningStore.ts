/**
 * Where what a run learned is kept across projects (DNA, traps, rules). The real store is the
 * learning issue's; runs here take any implementation of this port, e.g. the in-memory one.
 */
import type { Learning } from '../protocol';

export interface LearningStore {
  /** What earlier runs learned, to inject into the blueprint request. */
  recall(): Promise<Learning | undefined>;
  remember(runId: string, learning: Learning): Promise<void>;
}

export class MemoryLearningStore implements LearningStore {
  readonly kept: Array<{ runId: string; learning: Learning }> = [];

  async recall(): Promise<Learning | undefined> {
    if (this.kept.length === 0) return undefined;
    const last = this.kept[this.kept.length - 1];
    return last?.learning;
  }

  async remember(runId: string, learning: Learning): Promise<void> {
    this.kept.push({ runId, learning });
  }
}
