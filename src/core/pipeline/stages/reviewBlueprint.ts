/**
 * REVIEW: qc and architect review the blueprint side by side; their SEARCH/REPLACE blocks (path
 * blueprint.md, nothing else) are applied to it and the result is read back through the same
 * parser and checks. A blueprint the patches broke goes to the ceo with the issues (`repair=n`).
 * Rounds repeat until both scores reach thresholds.review or limits.reviewRounds is used up.
 */
import { applyBlocks } from '../../patch/applyBlocks';
import { parseBlocks } from '../../patch/parseBlocks';
import { readerFromMap } from '../../patch/reader';
import { formatIssues, parseReply, type Blueprint, type DacIssue, type Review } from '../../protocol';
import { checkBlueprint, type SplitCommand } from '../blueprint/checkBlueprint';
import { BLUEPRINT_PATH, proseOf, renderBlueprintDoc } from '../blueprint/blueprintDoc';
import { loadPrompt, renderNamedPrompt } from '../../prompts/load';
import { markDnaDecisions } from '../dnaDecisions';
import { recallLearnings, type Recalled } from '../learnedRecall';
import { learnedText } from '../learnedText';
import { stepPrompt } from '../prompts';
import type { RunContext } from '../runContext';

export type Reviewer = 'qc' | 'architect';
const REVIEWERS: readonly Reviewer[] = ['qc', 'architect'];

export interface ReviewScores {
  round: number;
  scores: Record<Reviewer, number>;
  findings: Record<Reviewer, Review['findings']>;
  /** Reviewers whose blocks did not all apply even when sent back: their scores do not count. */
  unapplied: Reviewer[];
}

export type Reviewed =
  | { ok: true; blueprint: Blueprint; doc: string; rounds: ReviewScores[]; nextRound: number }
  | { ok: false; reason: string; rounds: ReviewScores[] };

/** Checks a mode adds to checkBlueprint's (UPDATE: the project's own test command). */
export type MoreChecks = (bp: Blueprint) => DacIssue[];

/**
 * Runs review rounds from `firstRound` (a CHANGE from the gate starts more rounds, numbered on).
 * `changes`: what the gate asked for, shown to the reviewers to apply.
 */
export async function reviewBlueprint(
  ctx: RunContext,
  split: SplitCommand,
  start: { blueprint: Blueprint; doc: string },
  firstRound: number,
  changes: readonly string[] = [],
  more: MoreChecks = () => [],
  project = '',
): Promise<Reviewed> {
  const { reviewRounds } = ctx.config.limits;
  const target = ctx.config.thresholds.review;
  const rounds: ReviewScores[] = [];
  let { blueprint, doc } = start;
  const recalled = await recallLearnings(ctx);
  const learned = learnedText(recalled.selection);
  for (let round = firstRound; round < firstRound + reviewRounds; round++) {
    ctx.progress({ kind: 'stage', stage: 'review', detail: `round ${round}` });
    const changeText = changes.length && round === firstRound ? renderNamedPrompt('review.changes', { changes: changes.map((c) => `- ${c}`).join('\n') }) : '';
    const asked = await Promise.all(
      REVIEWERS.map((role) =>
        ctx.models.ask({
          key: `review:r${round}:${role}`,
          role,
          step: 'review',
          expect: 'review',
          access: 'edits',
          blueprint: doc,
          fresh: stepPrompt('review', { role: role === 'qc' ? 'QC reviewer' : 'architect', focus: loadPrompt(`review.focus.${role}`).trim(), round, max_rounds: firstRound + reviewRounds - 1, target, changes: changeText, learned, project }),
        }),
      ),
    );
    const failed = asked.find((a) => !a.ok);
    if (failed && !failed.ok) return { ok: false, reason: `a review could not be used: ${failed.reason}`, rounds };
    const first = asked.map((a) => (a.ok ? a : undefined)).filter((a) => a !== undefined);
    // Blocks in reply order, qc first: the same order on every replay.
    let text = doc;
    const outcome: Record<Reviewer, { review: Review; notApplied: string[]; refused: string[] }> = { qc: { review: empty(), notApplied: [], refused: [] }, architect: { review: empty(), notApplied: [], refused: [] } };
    for (const [i, role] of REVIEWERS.entries()) {
      const r = first[i];
      if (!r) continue;
      const applied = await patchBlueprint(text, r.reply);
      text = applied.text;
      outcome[role] = { review: r.message, notApplied: applied.notApplied, refused: applied.refused };
    }
    // A reviewer whose blocks no longer fit (the other's landed first) reviews the blueprint as it now is.
    for (const role of REVIEWERS) {
      if (outcome[role].notApplied.length === 0) continue;
      const again = await ctx.models.ask({
        key: `review:r${round}:${role}:retry`,
        role,
        step: 'review',
        expect: 'review',
        access: 'edits',
        blueprint: text,
        fresh: stepPrompt('review_retry', { round, failures: outcome[role].notApplied.join('\n\n') }),
      });
      if (!again.ok) return { ok: false, reason: `a review could not be used: ${again.reason}`, rounds };
      const applied = await patchBlueprint(text, again.reply);
      text = applied.text;
      outcome[role] = { review: again.message, notApplied: applied.notApplied, refused: [...outcome[role].refused, ...applied.refused] };
    }
    // A score counts only for the blueprint it was given for: with blocks still not applied, it does not.
    const counted = (role: Reviewer): boolean => outcome[role].notApplied.length === 0;
    const scores = { qc: outcome.qc.review.score, architect: outcome.architect.review.score };
    const findings = { qc: outcome.qc.review.findings, architect: outcome.architect.review.findings };
    rounds.push({ round, scores, findings, unapplied: REVIEWERS.filter((r) => !counted(r)) });
    ctx.journal.append({ type: 'note', topic: 'review', data: { round, scores, target, findings, blocksNotApplied: { qc: outcome.qc.notApplied, architect: outcome.architect.notApplied }, blocksRefused: { qc: outcome.qc.refused, architect: outcome.architect.refused } } });
    const reread = await rereadBlueprint(ctx, split, text, round, recalled, more);
    if (!reread.ok) return { ok: false, reason: reread.reason, rounds };
    ({ blueprint, doc } = reread);
    ctx.folder.writeText(ctx.folder.blueprintFile, doc);
    if (REVIEWERS.every((r) => counted(r) && scores[r] >= target)) return { ok: true, blueprint, doc, rounds, nextRound: round + 1 };
  }
  const last = rounds[rounds.length - 1];
  const open = last ? REVIEWERS.flatMap((r) => last.findings[r].map((f) => `  ${r} [${f.severity}] ${f.where ? `${f.where}: ` : ''}${f.issue}`)) : [];
  return {
    ok: false,
    reason: `the blueprint did not reach the review target ${target} in ${reviewRounds} round${reviewRounds === 1 ? '' : 's'} (last scores: qc ${last?.scores.qc ?? '-'}, architect ${last?.scores.architect ?? '-'}${last?.unapplied.length ? `; not counted, because their blocks did not apply: ${last.unapplied.join(', ')}` : ''})${open.length ? `; open findings:\n${open.join('\n')}` : ''}`,
    rounds,
  };
}

function empty(): Review {
  return { dac: 1, kind: 'review', score: 0, findings: [] };
}

/**
 * blueprint.md with a reply's blocks applied, and why any did not apply. Blocks for other files are
 * refused and recorded, never retried: only blocks that did not fit blueprint.md go back.
 */
async function patchBlueprint(text: string, reply: string): Promise<{ text: string; notApplied: string[]; refused: string[] }> {
  const result = await applyBlocks(parseBlocks(reply), readerFromMap({ [BLUEPRINT_PATH]: text }), {
    policy: (p) => (p === BLUEPRINT_PATH ? undefined : `a review may change only ${BLUEPRINT_PATH}`),
  });
  const change = result.changes.find((c) => c.path === BLUEPRINT_PATH);
  const why = (status: string) => result.blocks.filter((b) => b.status === status).map((b) => b.reason ?? `block ${b.block}: ${b.status}`);
  return { text: change ? change.after : text, notApplied: why('failed'), refused: why('refused') };
}

/** blueprint.md after the reviewers' blocks, read back; broken ones go to the ceo to fix. */
async function rereadBlueprint(ctx: RunContext, split: SplitCommand, text: string, round: number, recalled: Recalled, more: MoreChecks): Promise<{ ok: true; blueprint: Blueprint; doc: string } | { ok: false; reason: string }> {
  const parsed = parseReply(text, 'blueprint');
  const issues = parsed.ok ? [...checkBlueprint(parsed.message, split), ...more(parsed.message)] : parsed.issues;
  // A reviewer's patch may touch decisions too: which are the owner's is the engine's to say, again.
  if (parsed.ok && issues.length === 0) {
    const blueprint = markDnaDecisions(parsed.message, recalled.dna);
    return { ok: true, blueprint, doc: renderBlueprintDoc(blueprint, proseOf(text).replace(/^# .*\n*/, '')) };
  }
  ctx.journal.append({ type: 'note', topic: 'blueprint.invalid', data: { round, issues } });
  const fixed = await ctx.models.ask({
    key: `review:r${round}:fix`,
    role: 'ceo',
    step: 'blueprint',
    expect: 'blueprint',
    access: 'read-only',
    blueprint: text,
    fresh: stepPrompt('blueprint_fix', { issues: formatIssues(issues) }),
    check: (bp) => [...checkBlueprint(bp, split), ...more(bp)],
  });
  if (!fixed.ok) return { ok: false, reason: `the reviewed blueprint is invalid and was not repaired: ${fixed.reason}` };
  const blueprint = markDnaDecisions(fixed.message, recalled.dna);
  return { ok: true, blueprint, doc: renderBlueprintDoc(blueprint, proseOf(text).replace(/^# .*\n*/, '')) };
}
