/**
 * What a person following a run in VS Code sees: a log line per stage, task milestone, reused answer
 * and warning (the Output channel and the dashboard log), and the dashboard's state: the stage, and
 * the review, code QC and verify scores once they are known. Derived from the run's events, never evidence.
 */
import type { FactoryConfig } from '../core/config/resolve';
import type { RunLog } from '../core/log/runLog';
import type { Journalled } from '../core/pipeline/journal/events';
import { TASK_STATE_WORDS, type ProgressEvent, type TaskState } from '../core/pipeline/progress';
import type { GatewayEvent } from '../core/providers/gateway';
import type { DashboardState, ScoreView } from '../shared/messages';

/** Task steps worth a line of their own. */
const MILESTONES: ReadonlySet<TaskState> = new Set(['red', 'green', 'trap', 'done', 'rolled_back', 'skipped']);

const SOURCE = 'run';

export class RunView {
  private readonly scores = new Map<string, ScoreView>();
  private stage = '';

  constructor(
    private readonly log: RunLog,
    private readonly update: (change: Partial<DashboardState>) => void,
    private readonly thresholds: FactoryConfig['thresholds'],
  ) {}

  progress(e: ProgressEvent): void {
    switch (e.kind) {
      case 'stage':
        this.stage = `${e.stage.replace('_', ' ')}${e.detail ? ` (${e.detail})` : ''}`;
        this.log.info(SOURCE, `stage: ${this.stage}`);
        this.update({ stage: this.stage });
        break;
      case 'task':
        this.update({ stage: `${this.stage} — ${e.task}: ${TASK_STATE_WORDS[e.state]}` });
        if (MILESTONES.has(e.state)) this.log.add(e.state === 'trap' || e.state === 'rolled_back' ? 'warn' : 'info', SOURCE, `${e.task}: ${TASK_STATE_WORDS[e.state]}${e.detail ? ` — ${e.detail}` : ''}`);
        break;
      case 'call': {
        const label = `${e.role} ${e.step.replace('_', ' ')}${e.task ? ` ${e.task}` : ''}`;
        if (e.phase === 'replayed') this.log.info(SOURCE, `${label}: answer reused from the journal`);
        else this.log.add('debug', SOURCE, `${label}: ${e.phase}`);
        break;
      }
      case 'info':
        this.log.info(SOURCE, e.message);
        break;
      case 'warn':
        this.log.warn(SOURCE, e.message);
        break;
    }
  }

  /** Scores from the journal's notes, as the report reads them. */
  journal(e: Journalled): void {
    if (e.type !== 'note' || typeof e.data !== 'object' || e.data === null) return;
    const data = e.data as Record<string, unknown>;
    if (e.topic === 'review' && typeof data.scores === 'object' && data.scores !== null) {
      for (const [who, value] of Object.entries(data.scores as Record<string, unknown>)) {
        if (typeof value === 'number') this.scores.set(`review ${who}`, { name: `review ${who}`, value, target: this.thresholds.review });
      }
    } else if ((e.topic === 'code_qc' || e.topic === 'verify') && typeof data.score === 'number') {
      const name = e.topic === 'code_qc' ? 'code QC' : 'verify';
      const target = typeof data.target === 'number' ? data.target : e.topic === 'code_qc' ? this.thresholds.qc : this.thresholds.verify;
      this.scores.set(name, { name, value: data.score, target });
    } else {
      return;
    }
    this.update({ scores: [...this.scores.values()] });
  }

  gateway(e: GatewayEvent): void {
    if (e.type === 'retry') this.log.warn(SOURCE, `${e.role}: ${e.message}; retrying in ${(e.delayMs / 1000).toFixed(1)} s`);
    if (e.type === 'fallback') this.log.warn(SOURCE, `${e.role}: ${e.from.provider}:${e.from.model} gave up; trying ${e.to.provider}:${e.to.model}`);
  }
}
