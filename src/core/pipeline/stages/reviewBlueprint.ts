/**
 * REVIEW: qc and architect review the blueprint side by side; their SEARCH/REPLACE blocks (path
 * blueprint.md, nothing else) are applied to it and the result is read back through the same
 * parser and checks. A blueprint the patches broke goes to the ceo with the issues (`repair=n`).
 * Rounds repeat until both scores reach thresholds.review or limits.reviewRounds is used up.
 */
import { applyBlocks } from '../../patch/applyBlocks';
import { parseBlocks } from '../../patch/parseBlocks';
import { readerFromMap } from '../../patch/reader';
import { formatIssues, parseReply, type Blueprint, type Review } from '../../protocol';
import { checkBlueprint, type SplitCommand } from '../blueprint/checkBlueprint';
import { BLUEPRINT_PATH, proseOf, renderBlueprintDoc } from '../blueprint/blueprintDoc';
import { stepPrompt, systemPrompt } from '../prompts';
import type { RunContext } from '../runContext';

export type Reviewer = 'qc' | 'architect';
const REVIEWERS: readonly Reviewer[] = ['qc', 'architect'];

const FOCUS: Record<Reviewer, string> = {
  qc: 'are the acceptance criteria complete and testable, are edge cases and failure cases covered, will the tests prove the request is met?',
  architect: 'are the structure, contracts, data shapes, commands and security rules sound, do the tasks split the work cleanly with disjoint files?',
};

export interface ReviewScores {
  round: number;
  scores: Record<Reviewer, number>;
  findings: Record<Reviewer, Review['findings']>;
}

export type Reviewed =
  | { ok: true; blueprint: Blueprint; doc: string; rounds: ReviewScores[]; nextRound: number }
  | { ok: false; reason: string; rounds: ReviewScores[] };

/**
 * Runs review rounds from `firstRound` (a CHANGE from the gate starts more rounds, numbered on).
 * `changes`: what the gate asked for, shown to the reviewers to apply.
 */
export async function reviewBlueprint(ctx: RunContext, split: SplitCommand, start: { blueprint: Blueprint; doc: string }, firstRound: number, changes: readonly string[] = []): Promise<Reviewed> {
  const { reviewRounds } = ctx.config.limits;
  const target = ctx.config.thresholds.review;
  const rounds: ReviewScores[] = [];
  let { blueprint, doc } = start;
  for (let round = firstRound; round < firstRound + reviewRounds; round++) {
    ctx.progress({ kind: 'stage', stage: 'review', detail: `round ${round}` });
    const changeText = changes.length && round === firstRound ? `\nThe owner asked for these changes; make them with your blocks:\n${changes.map((c) => `- ${c}`).join('\n')}\n` : '';
    const asked = await Promise.all(
      REVIEWERS.map((role) =>
        ctx.models.ask({
          key: `review:r${round}:${role}`,
          role,
          step: 'review',
          expect: 'review',
          system: systemPrompt(role),
          blueprint: doc,
          fresh: stepPrompt('review', { role: role === 'qc' ? 'QC reviewer' : 'architect', focus: FOCUS[role], round, max_rounds: firstRound + reviewRounds - 1, target, changes: changeText }),
        }),
      ),
    );
    const failed = asked.find((a) => !a.ok);
    if (failed && !failed.ok) return { ok: false, reason: `a review could not be used: ${failed.reason}`, rounds };
    const reviews = asked.map((a) => (a.ok ? a : undefined)).filter((a) => a !== undefined);
    // Blocks in reply order, qc first: the same order on every replay.
    let text = doc;
    const refused: string[] = [];
    for (const r of reviews) {
      const result = await applyBlocks(parseBlocks(r.reply), readerFromMap({ [BLUEPRINT_PATH]: text }), {
        policy: (p) => (p === BLUEPRINT_PATH ? undefined : `a review may change only ${BLUEPRINT_PATH}`),
      });
      const change = result.changes.find((c) => c.path === BLUEPRINT_PATH);
      if (change) text = change.after;
      refused.push(...result.blocks.filter((b) => b.status !== 'applied').map((b) => b.reason ?? `block ${b.block}: ${b.status}`));
    }
    const scores = { qc: reviews[0]?.message.score ?? 0, architect: reviews[1]?.message.score ?? 0 };
    const findings = { qc: reviews[0]?.message.findings ?? [], architect: reviews[1]?.message.findings ?? [] };
    rounds.push({ round, scores, findings });
    ctx.journal.append({ type: 'note', topic: 'review', data: { round, scores, findings, blocksNotApplied: refused } });
    const reread = await rereadBlueprint(ctx, split, text, round);
    if (!reread.ok) return { ok: false, reason: reread.reason, rounds };
    ({ blueprint, doc } = reread);
    ctx.folder.writeText(ctx.folder.blueprintFile, doc);
    if (scores.qc >= target && scores.architect >= target) return { ok: true, blueprint, doc, rounds, nextRound: round + 1 };
  }
  const last = rounds[rounds.length - 1];
  const open = last ? REVIEWERS.flatMap((r) => last.findings[r].map((f) => `  ${r} [${f.severity}] ${f.where ? `${f.where}: ` : ''}${f.issue}`)) : [];
  return {
    ok: false,
    reason: `the blueprint did not reach the review target ${target} in ${reviewRounds} round${reviewRounds === 1 ? '' : 's'} (last scores: qc ${last?.scores.qc ?? '-'}, architect ${last?.scores.architect ?? '-'})${open.length ? `; open findings:\n${open.join('\n')}` : ''}`,
    rounds,
  };
}

/** blueprint.md after the reviewers' blocks, read back; broken ones go to the ceo to fix. */
async function rereadBlueprint(ctx: RunContext, split: SplitCommand, text: string, round: number): Promise<{ ok: true; blueprint: Blueprint; doc: string } | { ok: false; reason: string }> {
  const parsed = parseReply(text, 'blueprint');
  const issues = parsed.ok ? checkBlueprint(parsed.message, split) : parsed.issues;
  if (parsed.ok && issues.length === 0) return { ok: true, blueprint: parsed.message, doc: renderBlueprintDoc(parsed.message, proseOf(text).replace(/^# .*\n*/, '')) };
  ctx.journal.append({ type: 'note', topic: 'blueprint.invalid', data: { round, issues } });
  const fixed = await ctx.models.ask({
    key: `review:r${round}:fix`,
    role: 'ceo',
    step: 'blueprint',
    expect: 'blueprint',
    system: systemPrompt('ceo'),
    blueprint: text,
    fresh: stepPrompt('blueprint_fix', { issues: formatIssues(issues) }),
    check: (bp) => checkBlueprint(bp, split),
  });
  if (!fixed.ok) return { ok: false, reason: `the reviewed blueprint is invalid and was not repaired: ${fixed.reason}` };
  return { ok: true, blueprint: fixed.message, doc: renderBlueprintDoc(fixed.message, proseOf(text).replace(/^# .*\n*/, '')) };
}
