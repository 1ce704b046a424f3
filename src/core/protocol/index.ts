/** DaC, the protocol between roles (DAC.md): schemas, reply parsing, validation issues, repair, context line. */
export { formatDacContext, parseDacContext, STEPS, type DacContext, type Step } from './dacContext';
export { DacReplyError, formatIssue, formatIssues, type DacIssue, type ReplyProblem } from './issues';
export { patchRetryPrompt } from './patchRetry';
export { parseReply, requireDac, type DacBlockSpan, type ParsedReply } from './parseReply';
export { obtainValidReply, planRepair, schemaText, spliceDacBlock, type RepairPlan, type RepairRequest, type RepairTarget } from './repair';
export { DAC_KINDS, DAC_SCHEMAS, isDacKind, type DacKind, type DacMessage, type DacMessageOf } from './schemas';
export { taskWaves, type Blueprint, type BlueprintTask } from './schemas/blueprint';
export type { Decision } from './schemas/decision';
export type { Learning } from './schemas/learning';
export type { AuditReport, QcReport } from './schemas/qcReport';
export type { Review } from './schemas/review';
export type { TaskResult } from './schemas/taskResult';
export type { Probe, VerifyPlan, VerifyReport } from './schemas/verify';
export type { StepAccess } from './stepAccess';
