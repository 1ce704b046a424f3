/**
 * Where what a run learned is kept across projects (DNA, traps, rules). The hosts give a run the
 * file store of src/core/learning (`FileLearningStore`, outside any workspace); tests may give it
 * this in-memory one, which merges by the same rules.
 */
import { emptyLearnings, rememberInto, type MergeOutcome, type StoredLearnings } from '../learning';
import type { Learning } from '../protocol';

export interface LearningStore {
  /** Everything stored: DNA, traps and rules, each with its id. Retrieval picks from it per request. */
  read(): Promise<StoredLearnings>;
  /** What a run learned: the same DNA topic updates its choice and counts a confirmation; the same trap or rule is kept once. */
  remember(runId: string, learning: Learning): Promise<MergeOutcome>;
}

export class MemoryLearningStore implements LearningStore {
  readonly kept: Array<{ runId: string; learning: Learning }> = [];
  private store: StoredLearnings;

  /** Starts empty (no built-in rules) unless given contents, so a test sees only what it put in. */
  constructor(initial: StoredLearnings = emptyLearnings()) {
    this.store = structuredClone(initial);
  }

  async read(): Promise<StoredLearnings> {
    return structuredClone(this.store);
  }

  async remember(runId: string, learning: Learning): Promise<MergeOutcome> {
    this.kept.push({ runId, learning });
    const next = rememberInto(this.store, runId, learning, new Date());
    this.store = next.store;
    return next.outcome;
  }
}
