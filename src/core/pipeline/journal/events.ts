/**
 * What a run's journal (.factory/runs/<id>/journal.jsonl) holds, one JSON object a line, in order.
 * The dashboard replays it, `factory resume` reads it, report.md is written from it. Effects (model
 * calls, patches, command runs, snapshots, rollbacks, human answers) are journalled as a `start`
 * before they touch anything and a `done` after, so a resumed run knows which finished.
 */
export type EffectKind = 'call' | 'patch' | 'command' | 'snapshot' | 'restore' | 'answer' | 'write';

export type Stage = 'recon' | 'blueprint' | 'review' | 'gate' | 'baseline' | 'waves' | 'code_qc' | 'verify' | 'audit' | 'learn' | 'report';

/** What a run does (DESIGN.md): CREATE a project, AUDIT one without writing to it, UPDATE one with a delta blueprint. */
export type RunMode = 'create' | 'audit' | 'update';

/** How a run ended (or `running`): shipped, or why not. */
export type RunState = 'running' | 'shipped' | 'not_shipped' | 'stopped';

export type JournalEvent =
  | {
      type: 'run';
      runId: string;
      mode: RunMode;
      request: string;
      version: string;
      dir: string;
      /** AUDIT: the folder audited, relative to `dir` ('.' for all of it). */
      path?: string;
      /** UPDATE from an audit's findings: the audit run they came from. */
      fromAudit?: string;
    }
  | { type: 'resumed'; attempt: number }
  | { type: 'stage'; stage: Stage; note?: string }
  | { type: 'effect.start'; key: string; kind: EffectKind; detail?: unknown }
  | { type: 'effect.done'; key: string; kind: EffectKind; result: unknown }
  /** Anything worth reading later that is not an effect: scores, findings, traps, refused blocks, validation errors. */
  | { type: 'note'; topic: string; task?: string; data: unknown }
  | { type: 'end'; state: Exclude<RunState, 'running'>; reason: string };

/** An event as written: its sequence number and time (ms since epoch) added. */
export type Journalled = JournalEvent & { seq: number; at: number };
