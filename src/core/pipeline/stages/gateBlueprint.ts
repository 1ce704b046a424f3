/**
 * GATE: the twin (or a person, with `gate: "human"`) takes the reviewed blueprint: ACCEPT, CHANGE
 * (the changes go back to review) or REJECT. The twin is read-only: SEARCH/REPLACE blocks in its
 * reply are refused, never applied, and recorded as a protocol violation.
 */
import type { GateAnswer } from '../../ports';
import type { Blueprint } from '../../protocol';
import { learnedText } from '../learnedText';
import { stepPrompt, systemPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import { refuseTwinBlocks } from '../twinReadOnly';
import type { ReviewScores } from './reviewBlueprint';

export type GateResult = { ok: true; answer: GateAnswer; by: 'twin' | 'human' } | { ok: false; reason: string };

export async function gateBlueprint(ctx: RunContext, bp: Blueprint, doc: string, n: number, last: ReviewScores | undefined): Promise<GateResult> {
  ctx.progress({ kind: 'stage', stage: 'gate', detail: ctx.config.gate === 'human' ? 'your decision' : 'twin' });
  const key = `gate:g${n}`;
  if (ctx.config.gate === 'human') {
    const summary = `${bp.title}: ${bp.summary}\nTasks: ${bp.tasks.map((t) => `${t.id} ${t.title}`).join('; ')}\nBlueprint: ${ctx.folder.blueprintFile}`;
    const answer = await ctx.effects.once(`answer:${key}`, 'answer', () => ctx.approval.askGate(summary));
    ctx.journal.append({ type: 'note', topic: 'gate', data: { by: 'human', answer } });
    return { ok: true, answer, by: 'human' };
  }
  const scores = last ? `qc ${last.scores.qc}, architect ${last.scores.architect}` : 'none';
  const asked = await ctx.models.ask({
    key,
    role: 'twin',
    step: 'gate',
    expect: 'decision',
    system: systemPrompt('twin'),
    blueprint: doc,
    fresh: stepPrompt('gate', { request: ctx.request, dna: learnedText(await ctx.learning.recall()), scores }),
  });
  if (!asked.ok) return { ok: false, reason: `the twin's decision could not be used: ${asked.reason}` };
  refuseTwinBlocks(ctx, 'gate', asked.reply);
  const d = asked.message;
  const answer: GateAnswer = d.verdict === 'ACCEPT' ? { verdict: 'ACCEPT' } : d.verdict === 'CHANGE' ? { verdict: 'CHANGE', changes: d.changes } : { verdict: 'REJECT', reason: d.reasons.join('; ') || 'no reason given' };
  ctx.journal.append({ type: 'note', topic: 'gate', data: { by: 'twin', verdict: d.verdict, reasons: d.reasons, changes: d.changes } });
  return { ok: true, answer, by: 'twin' };
}
