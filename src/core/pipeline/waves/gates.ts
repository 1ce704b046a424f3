/**
 * The per-task gates (DAC.md, "Per-task gates"): after GREEN and the refactor, bug_capture (qc),
 * schema (architect) and security (architect) review the task's diff side by side. A `high` (or
 * `critical`) finding, or a score under thresholds.gate, fails its gate; a failed gate is a TRAP and
 * its findings go back to the implementer. Reviewers write nothing: blocks in their replies are
 * refused and recorded as a protocol violation.
 */
import type { Role } from '../../config/roles';
import { parseBlocks } from '../../patch/parseBlocks';
import type { Blueprint, BlueprintTask, Review } from '../../protocol';
import { renderNamedPrompt } from '../../prompts/load';
import { recallLearnings } from '../learnedRecall';
import { learnedText } from '../learnedText';
import { stepPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import type { FileImage } from '../workspace/snapshot';
import { settleAll } from './settleAll';
import { noteOnce, type GateFinding, type GateName, type GateNote } from './notes';
import { taskDiff } from './taskDiff';
import { taskText } from './taskRequest';

const GATES: ReadonlyArray<{ gate: GateName; role: Role }> = [
  { gate: 'bug_capture', role: 'qc' },
  { gate: 'schema', role: 'architect' },
  { gate: 'security', role: 'architect' },
];

const FAILING = new Set(['critical', 'high']);

export type GatesResult = { ok: true; notes: GateNote[] } | { ok: false; why: string; findings: GateFinding[]; notes: GateNote[] };

export async function runGates(ctx: RunContext, bp: Blueprint, doc: string, task: BlueprintTask, attempt: number, before: readonly FileImage[]): Promise<GatesResult> {
  const diff = await taskDiff(ctx, before);
  const text = await taskText(ctx.workspace, bp, task);
  const threshold = ctx.config.thresholds.gate;
  const rules = renderNamedPrompt('gate.rules', { threshold });
  // Bug capture holds the change to the traps and rules earlier projects taught (schema and security have their own lists).
  const learned = learnedText((await recallLearnings(ctx)).selection);
  const list = (items: readonly string[]): string => (items.length ? items.map((i) => `- ${i}`).join('\n') : '- (none stated)');
  const notes = await settleAll(
    GATES.map(async ({ gate, role }): Promise<GateNote> => {
      const key = `${task.id}:${gate}:a${attempt}`;
      const asked = await ctx.models.ask({
        key,
        role,
        step: gate,
        expect: 'review',
        task: task.id,
        access: 'read-only',
        blueprint: doc,
        taskText: text,
        fresh: stepPrompt(gate, { task_id: task.id, diff, gate_rules: rules, contracts: list(bp.core.contracts), security: list(bp.core.security), learned }),
      });
      const base = { id: key, task: task.id, attempt, gate, role };
      if (!asked.ok) return { ...base, score: null, findings: [], passed: false, why: `the ${gate} review could not be used: ${asked.reason}` };
      const blocks = parseBlocks(asked.reply).length;
      if (blocks > 0) {
        noteOnce(ctx, 'protocol_violation', { id: key, task: task.id, role, step: gate, refusedBlocks: blocks, why: `a gate reviewer writes nothing; its ${blocks} block${blocks === 1 ? ' was' : 's were'} refused` });
      }
      return judge(base, asked.message, threshold);
    }),
  );
  for (const n of notes) noteOnce(ctx, 'task.gate', n);
  const failed = notes.filter((n) => !n.passed);
  if (failed.length === 0) return { ok: true, notes };
  return {
    ok: false,
    why: `gate${failed.length === 1 ? '' : 's'} failed: ${failed.map((n) => `${n.gate} (${n.why ?? ''})`).join('; ')}`,
    findings: failed.flatMap((n) => n.findings),
    notes,
  };
}

function judge(base: Omit<GateNote, 'score' | 'findings' | 'passed' | 'why'>, review: Review, threshold: number): GateNote {
  const findings: GateFinding[] = review.findings.map((f) => ({ gate: base.gate, severity: f.severity, where: f.where, issue: f.issue, fix: f.fix }));
  const serious = findings.filter((f) => FAILING.has(f.severity));
  const reasons: string[] = [];
  if (review.score < threshold) reasons.push(`score ${review.score} under ${threshold}`);
  if (serious.length) reasons.push(`${serious.length} ${serious.map((f) => f.severity).includes('critical') ? 'critical or high' : 'high'} finding${serious.length === 1 ? '' : 's'}`);
  const note: GateNote = { ...base, score: review.score, findings, passed: reasons.length === 0 };
  if (reasons.length) note.why = reasons.join(', ');
  return note;
}
