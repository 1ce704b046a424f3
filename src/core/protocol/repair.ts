/**
 * The repair loop for invalid DaC replies (DAC.md, "Envelope"): the engine answers the same model
 * with the exact issues, or asks the assistant role to fix the block, at most `limits.repairs`
 * times; then the step fails with those issues. The prompts live in prompts/protocol.repair.md and
 * prompts/assistant.repair.md.
 */
import { z } from 'zod';
import { renderNamedPrompt } from '../prompts/load';
import { dacBlocks } from './dacBlock';
import { formatDacContext, type DacContext } from './dacContext';
import { formatIssues, type DacIssue, type ReplyProblem } from './issues';
import { parseReply } from './parseReply';
import { DAC_SCHEMAS, type DacKind, type DacMessageOf } from './schemas';
import type { StepAccess } from './stepAccess';

/** Who fixes the reply: the model that wrote it, or the assistant role. */
export type RepairTarget = 'same' | 'assistant';

export interface RepairRequest {
  to: RepairTarget;
  /** The context of the repair request: the original one with `repair` set (and role assistant when it repairs). */
  context: DacContext;
  /**
   * The user message to send. To the same model it follows the conversation and its invalid reply;
   * to the assistant it is a conversation of its own, carrying the reply and the schema.
   */
  prompt: string;
}

export interface RepairInput {
  reply: string;
  issues: readonly DacIssue[];
  /** The context of the request that got the invalid reply. */
  context: DacContext;
  /** 1 for the first repair. */
  attempt: number;
  /** `limits.repairs` of the configuration. */
  maxRepairs: number;
  to: RepairTarget;
  /** Whether the step may send SEARCH/REPLACE blocks: a read-only step's repair must not ask for them. */
  access: StepAccess;
}

export type RepairPlan = { ok: true; request: RepairRequest } | { ok: false; message: string };

export function planRepair(input: RepairInput): RepairPlan {
  const { context, attempt, maxRepairs } = input;
  if (attempt > maxRepairs) return { ok: false, message: exhausted(context, maxRepairs, input.issues) };
  const repairContext: DacContext = { ...context, role: input.to === 'assistant' ? 'assistant' : context.role, repair: attempt };
  const common = { context_line: formatDacContext(repairContext), kind: context.expect, issues: formatIssues(input.issues) };
  const prompt =
    input.to === 'same'
      ? renderNamedPrompt('protocol.repair', { ...common, attempt, max_repairs: maxRepairs, files: filesLine(input.access) })
      : renderNamedPrompt('assistant.repair', { ...common, step: context.step, schema: schemaText(context.expect), reply: input.reply });
  return { ok: true, request: { to: input.to, context: repairContext, prompt } };
}

/** What the repaired reply may carry besides its `dac` block: the step's blocks again, or nothing that changes a file. */
function filesLine(access: StepAccess): string {
  return renderNamedPrompt(access === 'edits' ? 'protocol.repair.edits' : 'protocol.repair.read_only', {}).trim();
}

function exhausted(context: DacContext, maxRepairs: number, issues: readonly DacIssue[]): string {
  const task = context.task ? ` for task ${context.task}` : '';
  return `the ${context.role} reply to step ${context.step}${task} still has no valid \`dac\` block (kind ${context.expect}) after ${maxRepairs} repair${maxRepairs === 1 ? '' : 's'}:\n${formatIssues(issues)}`;
}

const schemaCache = new Map<DacKind, string>();

/** The kind's schema as JSON Schema (what a reply may send), for the assistant. */
export function schemaText(kind: DacKind): string {
  let text = schemaCache.get(kind);
  if (text === undefined) {
    text = JSON.stringify(z.toJSONSchema(DAC_SCHEMAS[kind], { io: 'input', unrepresentable: 'any' }), null, 1);
    schemaCache.set(kind, text);
  }
  return text;
}

/**
 * The original reply with its `dac` block replaced by the one the assistant sent, so the original
 * prose and SEARCH/REPLACE blocks stay as they were. Undefined when the assistant did not send
 * exactly one block; the original's block(s) are replaced in place (or the new one is appended).
 */
export function spliceDacBlock(original: string, assistantReply: string): string | undefined {
  const fresh = dacBlocks(assistantReply);
  if (fresh.length !== 1 || fresh[0].closeLine === 0) return undefined;
  const newBlock = `\`\`\`dac\n${fresh[0].body}\n\`\`\``;
  const lines = original.replace(/\r\n?/g, '\n').split('\n');
  const old = dacBlocks(original);
  if (old.length === 0) return `${original.replace(/\s*$/, '')}\n\n${newBlock}\n`;
  let out: string[] = [];
  let next = 0;
  old.forEach((b, i) => {
    out = out.concat(lines.slice(next, b.openLine - 1), i === 0 ? [newBlock] : []);
    // An unclosed block ends where its text stops: a SEARCH/REPLACE block after it is kept.
    next = b.lastLine;
  });
  return out.concat(lines.slice(next)).join('\n');
}

export type Obtained<K extends DacKind> =
  | { ok: true; message: DacMessageOf<K>; reply: string; repairs: number }
  | { ok: false; problem: ReplyProblem; issues: DacIssue[]; repairs: number; message: string };

export interface ObtainInput<K extends DacKind> {
  /** The reply to the original request. */
  reply: string;
  context: DacContext & { expect: K };
  maxRepairs: number;
  to: RepairTarget;
  access: StepAccess;
  /** Sends a repair request and returns the raw answer. */
  send: (request: RepairRequest, invalidReply: string) => Promise<string>;
}

/**
 * Validates a reply and, while it is invalid and repairs are left, asks for a fixed one. Returns
 * the valid message with the reply it came from (for the assistant: the original reply with the
 * repaired block spliced in), or the last issues with a message for the journal and the screen.
 */
export async function obtainValidReply<K extends DacKind>(input: ObtainInput<K>): Promise<Obtained<K>> {
  let reply = input.reply;
  for (let attempt = 1; ; attempt++) {
    const parsed = parseReply(reply, input.context.expect);
    if (parsed.ok) return { ok: true, message: parsed.message, reply, repairs: attempt - 1 };
    const plan = planRepair({ reply, issues: parsed.issues, context: input.context, attempt, maxRepairs: input.maxRepairs, to: input.to, access: input.access });
    if (!plan.ok) return { ok: false, problem: parsed.problem, issues: parsed.issues, repairs: attempt - 1, message: plan.message };
    const answer = await input.send(plan.request, reply);
    if (input.to === 'same') reply = answer;
    // An assistant answer without one clean block leaves the reply as it was; the next round asks again.
    else reply = spliceDacBlock(reply, answer) ?? reply;
  }
}
