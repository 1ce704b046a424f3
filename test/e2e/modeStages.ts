import assert from 'node:assert/strict';
import type { Journalled } from '../../src/core/pipeline/journal/events';
import { MODE_STAGES } from '../../src/core/pipeline/modeStages';
import { projectRun } from '../../src/core/pipeline/report/projectRun';

/**
 * A shipped run of any mode went through exactly the stages the dashboard's timeline draws for that
 * mode (MODE_STAGES), in that order, and its picture shows every one of them done.
 */
export function assertModeStages(events: readonly Journalled[]): void {
  const start = events.find((e) => e.type === 'run');
  assert.ok(start?.type === 'run', 'the journal starts with a run event');
  const seen = [...new Set(events.flatMap((e) => (e.type === 'stage' ? [e.stage] : [])))];
  assert.deepEqual(seen, MODE_STAGES[start.mode], `the stages of a ${start.mode} run, as the dashboard's timeline draws them`);
  const picture = projectRun(events, { live: false });
  assert.deepEqual(picture?.stages.map((s) => `${s.stage}:${s.status}`), seen.map((s) => `${s}:done`));
}
