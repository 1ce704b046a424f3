/**
 * What a person following a run in VS Code sees as it goes: a log line per stage, task milestone,
 * reused answer and warning (the Output channel), and the dashboard's one-line stage. The dashboard's
 * run picture and log come from the journal (src/core/pipeline/report/projectRun.ts, journalLog.ts).
 */
import type { RunLog } from '../core/log/runLog';
import { TASK_STATE_WORDS, type ProgressEvent, type TaskState } from '../core/pipeline/progress';
import type { GatewayEvent } from '../core/providers/gateway';
import type { DashboardState } from '../shared/messages';

/** Task steps worth a line of their own. */
const MILESTONES: ReadonlySet<TaskState> = new Set(['red', 'green', 'trap', 'done', 'rolled_back', 'skipped']);

/**
 * Lines the journal also gives (stages, task steps, calls): the dashboard and the Output channel show
 * the journal's, so these stay in the session log only.
 */
export const RUN_SOURCE = 'run';
const SOURCE = RUN_SOURCE;
/** The run's notes and warnings the journal has no line for: shown on the dashboard and in the Output channel. */
export const NOTE_SOURCE = 'pipeline';

export class RunView {
  private stage = '';

  constructor(
    private readonly log: RunLog,
    private readonly update: (change: Partial<DashboardState>) => void,
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
        this.log.info(NOTE_SOURCE, e.message);
        break;
      case 'warn':
        this.log.warn(NOTE_SOURCE, e.message);
        break;
    }
  }

  gateway(e: GatewayEvent): void {
    if (e.type === 'retry') this.log.warn(SOURCE, `${e.role}: ${e.message}; retrying in ${(e.delayMs / 1000).toFixed(1)} s`);
    if (e.type === 'fallback') this.log.warn(SOURCE, `${e.role}: ${e.from.provider}:${e.from.model} gave up; trying ${e.to.provider}:${e.to.model}`);
  }
}
