/**
 * Which pipeline a run goes through, by its mode (DESIGN.md: CREATE, AUDIT, UPDATE). A resumed run
 * reads its mode from the journal's `run` event and comes back here, so it goes through the same
 * stages and reuses every recorded effect.
 */
import { recon } from '../codemap/recon';
import { auditPipeline } from './audit/auditRun';
import type { SplitCommand } from './blueprint/checkBlueprint';
import { createRun, type RunEnd } from './createRun';
import type { RunMode } from './journal/events';
import type { RunContext } from './runContext';
import { updatePipeline } from './update/updateRun';

/** What a run is asked to do, as its journal's `run` event records it. */
export interface RunStart {
  mode: RunMode;
  /** CREATE and UPDATE: the request. AUDIT: what the audit is of (shown in `factory runs`). */
  request: string;
  /** AUDIT: the folder audited, relative to the workspace root. */
  path?: string;
  /** UPDATE: the audit run whose findings are the request. */
  fromAudit?: string;
}

export type Pipeline = (ctx: RunContext, split: SplitCommand) => Promise<RunEnd>;

export function pipelineFor(start: RunStart): Pipeline {
  switch (start.mode) {
    case 'create':
      return createRun;
    case 'audit':
      return auditPipeline(recon);
    case 'update':
      return updatePipeline(recon);
  }
}
