/**
 * The stages each mode goes through, in order (DESIGN.md, "The pipeline"; createRun.ts, updateRun.ts,
 * auditRun.ts). The dashboard draws its timeline from this list; test/unit/pipeline/modeStages.test.ts
 * checks every mode's scripted run journals its stages in this order and no other.
 * report.md is written by the runner after the last stage, so `report` is not a stage a run journals.
 */
import type { RunMode, Stage } from './journal/events';

export const MODE_STAGES: Readonly<Record<RunMode, readonly Stage[]>> = {
  create: ['blueprint', 'review', 'gate', 'waves', 'code_qc', 'verify', 'learn'],
  update: ['recon', 'blueprint', 'review', 'gate', 'baseline', 'waves', 'code_qc', 'verify', 'learn'],
  audit: ['recon', 'audit', 'learn'],
};
