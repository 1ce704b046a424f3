/** Every DaC kind and its schema (DAC.md, "Kinds"). */
import type { z } from 'zod';
import { blueprintSchema } from './blueprint';
import { decisionSchema } from './decision';
import { learningSchema } from './learning';
import { auditReportSchema, qcReportSchema } from './qcReport';
import { reviewSchema } from './review';
import { taskResultSchema } from './taskResult';
import { verifyPlanSchema, verifyReportSchema } from './verify';

export const DAC_SCHEMAS = {
  blueprint: blueprintSchema,
  review: reviewSchema,
  decision: decisionSchema,
  task_result: taskResultSchema,
  qc_report: qcReportSchema,
  verify_plan: verifyPlanSchema,
  verify_report: verifyReportSchema,
  learning: learningSchema,
  audit_report: auditReportSchema,
} as const;

export type DacKind = keyof typeof DAC_SCHEMAS;
export const DAC_KINDS = Object.keys(DAC_SCHEMAS) as [DacKind, ...DacKind[]];

export type DacMessageOf<K extends DacKind> = z.infer<(typeof DAC_SCHEMAS)[K]>;
export type DacMessage = { [K in DacKind]: DacMessageOf<K> }[DacKind];

export function isDacKind(v: unknown): v is DacKind {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(DAC_SCHEMAS, v);
}
