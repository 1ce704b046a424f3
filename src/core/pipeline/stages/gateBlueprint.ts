/**
 * GATE: the twin (or a person, with `gate: "human"`) takes the reviewed blueprint: ACCEPT, CHANGE
 * (the changes go back to review) or REJECT. The twin is read-only: SEARCH/REPLACE blocks in its
 * reply are refused, never applied, and recorded as a protocol violation.
 *
 * Decisions the owner's DNA settles (dnaDecisions.ts) are not re-litigated: the twin is shown them
 * as settled, a person is told they are and not asked (and which decisions depart from their DNA),
 * and a twin's change that names a settled topic is not applied (noted as `gate.dna_kept`); a CHANGE
 * left with no change counts as ACCEPT.
 * A person's own changes are all applied: the owner may change their mind, and LEARN then records it.
 */
import type { GateAnswer } from '../../ports';
import type { Blueprint } from '../../protocol';
import { renderNamedPrompt } from '../../prompts/load';
import { checkDna, splitChanges, type DnaCheck } from '../dnaDecisions';
import { recallLearnings } from '../learnedRecall';
import { learnedText } from '../learnedText';
import { stepPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import { refuseTwinBlocks } from '../twinReadOnly';
import type { ReviewScores } from './reviewBlueprint';

export type GateResult = { ok: true; answer: GateAnswer; by: 'twin' | 'human' } | { ok: false; reason: string };

export async function gateBlueprint(ctx: RunContext, bp: Blueprint, doc: string, n: number, last: ReviewScores | undefined): Promise<GateResult> {
  ctx.progress({ kind: 'stage', stage: 'gate', detail: ctx.config.gate === 'human' ? 'your decision' : 'twin' });
  const key = `gate:g${n}`;
  const recalled = await recallLearnings(ctx);
  const dna = checkDna(bp, recalled.dna);
  if (ctx.config.gate === 'human') {
    const settled = dna.settled.length ? `\nSettled by your recorded decisions (DNA), not asked again: ${dna.settled.map((s) => `${s.topic}: ${s.choice}`).join('; ')}` : '';
    const departs = dna.departs.length ? `\nDeparts from your recorded decisions (DNA): ${dna.departs.map((s) => `${s.topic}: ${s.choice} (yours: ${s.dnaChoice})`).join('; ')}` : '';
    const summary = `${bp.title}: ${bp.summary}\nTasks: ${bp.tasks.map((t) => `${t.id} ${t.title}`).join('; ')}${settled}${departs}\nBlueprint: ${ctx.folder.blueprintFile}`;
    const answer = await ctx.effects.once(`answer:${key}`, 'answer', () => ctx.approval.askGate(summary));
    ctx.journal.append({ type: 'note', topic: 'gate', data: { by: 'human', answer } });
    if (answer.verdict === 'ACCEPT') noteAccepted(ctx, bp, dna);
    return { ok: true, answer, by: 'human' };
  }
  const scores = last ? `qc ${last.scores.qc}, architect ${last.scores.architect}` : 'none';
  const asked = await ctx.models.ask({
    key,
    role: 'twin',
    step: 'gate',
    expect: 'decision',
    access: 'read-only',
    blueprint: doc,
    fresh: stepPrompt('gate', { request: ctx.request, dna: learnedText(recalled.selection), settled: settledText(dna), scores }),
  });
  if (!asked.ok) return { ok: false, reason: `the twin's decision could not be used: ${asked.reason}` };
  refuseTwinBlocks(ctx, 'gate', asked.replies);
  const d = asked.message;
  let answer: GateAnswer = d.verdict === 'ACCEPT' ? { verdict: 'ACCEPT' } : d.verdict === 'CHANGE' ? { verdict: 'CHANGE', changes: d.changes } : { verdict: 'REJECT', reason: d.reasons.join('; ') || 'no reason given' };
  if (answer.verdict === 'CHANGE') {
    const { kept, dropped } = splitChanges(answer.changes, dna.settled);
    if (dropped.length) {
      ctx.journal.append({ type: 'note', topic: 'gate.dna_kept', data: { dropped, accepted: kept.length === 0 } });
      ctx.progress({ kind: 'info', message: `gate: ${dropped.length} change(s) to decisions the owner's DNA settles not applied (${dropped.map((x) => x.topic).join(', ')})` });
      answer = kept.length ? { verdict: 'CHANGE', changes: kept } : { verdict: 'ACCEPT' };
    }
  }
  ctx.journal.append({ type: 'note', topic: 'gate', data: { by: 'twin', verdict: answer.verdict, reasons: d.reasons, changes: answer.verdict === 'CHANGE' ? answer.changes : [] } });
  if (answer.verdict === 'ACCEPT') noteAccepted(ctx, bp, dna);
  return { ok: true, answer, by: 'twin' };
}

/** What the blueprint that is built says it applied and how it stands to the DNA (reviews may have changed the draft's). */
function noteAccepted(ctx: RunContext, bp: Blueprint, dna: DnaCheck): void {
  ctx.journal.append({ type: 'note', topic: 'blueprint.accepted', data: { domains: bp.domains ?? [], applied: bp.applied ?? [], settled: dna.settled, departs: dna.departs } });
}

function settledText(dna: DnaCheck): string {
  const parts: string[] = [];
  if (dna.settled.length) parts.push(renderNamedPrompt('gate.settled', { settled: dna.settled.map((s) => `- ${s.topic}: ${s.choice} [${s.id}]`).join('\n') }).trim());
  if (dna.departs.length) parts.push(renderNamedPrompt('gate.departs', { departs: dna.departs.map((s) => `- ${s.topic}: ${s.choice} (the owner's DNA: ${s.dnaChoice}) [${s.id}]`).join('\n') }).trim());
  return parts.join('\n\n');
}
