/**
 * The picture of one run the dashboard draws, projected from the run's journal (projectRun.ts): the
 * same journal gives the same picture, live or replayed after a reload or a restart. Types only, so
 * the dashboard page (src/shared, src/webview) may import them without pulling in engine code.
 */
import type { RunMode, RunState, Stage } from '../journal/events';

/** done: went through; active: going now; stopped: where a stopped (or killed) run is; skipped: not reached by an ended run. */
export type StageStatus = 'waiting' | 'active' | 'done' | 'failed' | 'stopped' | 'skipped';

export interface StageStep {
  stage: Stage;
  status: StageStatus;
  /** The stage's last note, e.g. "round 2", "wave 1 of 2: T1, T2". */
  note: string | null;
}

export interface ReviewerScore {
  reviewer: string;
  score: number;
  /** False when the reviewer's blocks did not apply, so its score did not count this round. */
  counted: boolean;
}

export interface ReviewRound {
  round: number;
  scores: ReviewerScore[];
  /** Findings the reviewers raised this round. */
  findings: number;
}

export interface ScoreCheck {
  name: 'code QC' | 'verify';
  score: number;
  target: number;
  passed: boolean;
}

export type GateVerdict = 'ACCEPT' | 'CHANGE' | 'REJECT';

export interface GateView {
  by: 'twin' | 'human';
  /** waiting: a person has been asked and has not answered yet. */
  status: 'asking' | 'waiting' | 'decided';
  verdict: GateVerdict | null;
  reasons: string[];
  changes: string[];
  /** How many times the gate has decided in this run (a CHANGE goes back to review). */
  decisions: number;
}

export type TaskStatus = 'waiting' | 'working' | 'done' | 'failed' | 'rolled_back' | 'skipped';
export type GatesState = 'waiting' | 'passed' | 'failed';

export interface TaskCard {
  id: string;
  wave: number | null;
  /** The role building it, once known. */
  role: string | null;
  status: TaskStatus;
  /** What it is doing now, in a few words ("writing tests", "RED run"), or how it ended. */
  now: string;
  testsWritten: boolean;
  redSeen: boolean;
  greenSeen: boolean;
  refactored: boolean;
  gates: GatesState;
  traps: number;
  rolledBack: boolean;
  /** The current attempt (a TRAP starts another). */
  attempt: number;
  /** Whether the journal holds evidence (test runs, gates, traps) for it. */
  hasEvidence: boolean;
}

export interface RoleCost {
  role: string;
  calls: number;
  input: number;
  output: number;
  usd: number;
  /** Calls without a known price (their cost is unknown, never $0). */
  unpriced: number;
  /** Calls on a coding CLI by subscription: $0 in `usd`, shown as "subscription". Absent when none. */
  subscription?: number;
}

export interface CostView {
  roles: RoleCost[];
  usd: number;
  unpriced: number;
  /** limits.budgetUsd as the host has it; null: no budget. */
  budgetUsd: number | null;
}

export interface RunPicture {
  runId: string;
  mode: RunMode;
  request: string;
  /** From the journal; `running` for a run with no end after its last start. */
  state: RunState;
  /** Why it ended as it did. */
  reason: string | null;
  /** True while this process is driving the run (an unfinished run nobody drives is shown stopped). */
  live: boolean;
  stages: StageStep[];
  review: { target: number | null; rounds: ReviewRound[] };
  checks: ScoreCheck[];
  gate: GateView | null;
  waves: Array<{ wave: number; tasks: string[] }>;
  tasks: TaskCard[];
  cost: CostView;
  startedAt: number;
  updatedAt: number;
}
