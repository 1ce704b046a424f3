/**
 * One TDD phase of a task (tests, implementation or refactor): the builder's call, its blocks applied
 * under the phase's path policy, and, when blocks did not apply, one patch-retry turn in the same
 * conversation listing just those blocks and why. Refused and failed blocks are recorded.
 */
import type { Role } from '../../config/roles';
import type { BlockResult } from '../../patch/types';
import { patchRetryPrompt, type Blueprint, type BlueprintTask, type DacIssue, type TaskResult } from '../../protocol';
import type { AskSpec } from '../models/modelCaller';
import { stepPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import { applyReply } from '../workspace/applyReply';
import { noteOnce, type BlockNote } from './notes';
import { taskPolicy, type TaskPhase } from './taskPolicy';
import { taskText } from './taskRequest';

export interface PhaseCall {
  bp: Blueprint;
  doc: string;
  task: BlueprintTask;
  phase: TaskPhase;
  attempt: number;
  role: Role;
  /** The retry text (evidence of the last failed attempt), or ''. */
  retry: string;
  /** UPDATE: what the implementer is told of the project's suite that guards the task (waves/suiteGuard.ts); absent in CREATE. */
  suite?: string;
}

export type PhaseResult = { ok: true; changed: string[]; blocks: BlockNote[] } | { ok: false; why: string; blocks: BlockNote[] };

export function phaseKey(task: string, phase: string, attempt: number): string {
  return `${task}:${phase}:a${attempt}`;
}

export async function runPhase(ctx: RunContext, p: PhaseCall): Promise<PhaseResult> {
  const key = phaseKey(p.task.id, p.phase, p.attempt);
  const spec: AskSpec<'task_result'> = {
    key,
    role: p.role,
    step: p.phase,
    expect: 'task_result',
    task: p.task.id,
    access: 'edits',
    blueprint: p.doc,
    taskText: await taskText(ctx.workspace, p.bp, p.task),
    fresh: stepPrompt(p.phase, { task_id: p.task.id, tests: p.task.tests.join(', '), retry: p.retry ? `\n${p.retry}\n` : '', suite: p.suite ? `\n${p.suite}\n` : '' }),
    check: (m) => resultIssues(m, p.task.id, p.phase),
  };
  const asked = await ctx.models.ask(spec);
  if (!asked.ok) return { ok: false, why: `the ${p.phase} reply could not be used: ${asked.reason}`, blocks: [] };
  const first = await applyReply(ctx, key, asked.reply, await taskPolicy(ctx.workspace.root, p.task, p.phase, asked.reply));
  recordBlocks(ctx, p, key, p.phase, first.blocks);
  const changed = [...first.changed];
  let blocks = notApplied(p.phase, first.blocks);
  const followUp = patchRetryPrompt({ blocks: first.blocks, changes: [] }, { run: ctx.runId, role: p.role, step: p.phase, expect: 'task_result', task: p.task.id });
  if (followUp !== undefined) {
    // The retry prompt opens with the DaC-Context line; the caller adds it again, so it is cut here.
    const fixKey = `${key}:fix`;
    const fix = await ctx.models.ask({ ...spec, key: fixKey, blueprint: undefined, taskText: undefined, history: asked.conversation, fresh: withoutContextLine(followUp) });
    if (fix.ok) {
      const second = await applyReply(ctx, fixKey, fix.reply, await taskPolicy(ctx.workspace.root, p.task, p.phase, fix.reply));
      recordBlocks(ctx, p, fixKey, `${p.phase} (patch retry)`, second.blocks);
      changed.push(...second.changed.filter((c) => !changed.includes(c)));
      // What the retry turn sent for a file replaces the first reply's failures there; the rest stand.
      blocks = [...blocks.filter((b) => !second.blocks.some((s) => s.file === b.path)), ...notApplied(`${p.phase} (patch retry)`, second.blocks)];
    }
  }
  return { ok: true, changed, blocks };
}

function notApplied(phase: string, results: readonly BlockResult[]): BlockNote[] {
  return results.filter((b) => b.status !== 'applied').map((b) => blockNote(phase, b));
}

/** Every block not written, as a `refused` note (failed ones too, with their status). */
function recordBlocks(ctx: RunContext, p: PhaseCall, key: string, phase: string, results: readonly BlockResult[]): void {
  for (const b of notApplied(phase, results)) noteOnce(ctx, 'refused', { id: `${key}:b${b.block}`, task: p.task.id, attempt: p.attempt, ...b });
}

function blockNote(phase: string, b: BlockResult): BlockNote {
  return { phase, block: b.block, path: b.file, status: b.status === 'refused' ? 'refused' : 'failed', why: b.reason ?? b.status };
}

function withoutContextLine(text: string): string {
  return text.replace(/^DaC-Context:[^\n]*\n/, '').trimStart();
}

/** The reply must be about this task and phase: one sent for another is sent back. */
function resultIssues(m: TaskResult, task: string, phase: TaskPhase): DacIssue[] {
  const issues: DacIssue[] = [];
  if (m.task !== task) issues.push({ path: '$.task', expected: `"${task}" (the task this request is about)`, got: JSON.stringify(m.task) });
  if (m.phase !== phase) issues.push({ path: '$.phase', expected: `"${phase}" (the phase this request asks for)`, got: JSON.stringify(m.phase) });
  return issues;
}
