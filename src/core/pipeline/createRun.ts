/**
 * Mode CREATE, stage by stage (DESIGN.md, "The pipeline"): blueprint → review → gate → waves →
 * code QC → verify → learn. Every stage is deterministic given its recorded effects, so a resumed
 * run goes through this same function and gets answers, patches and command runs from the journal
 * up to where it stopped. Returns how the run ended; report.md is written by the caller.
 */
import type { SplitCommand } from './blueprint/checkBlueprint';
import type { RunContext } from './runContext';
import { buildWaves, type WavesOutcome } from './stages/buildWaves';
import { draftBlueprint } from './stages/draftBlueprint';
import { codeQc, learn, verifyApp } from './stages/finishStages';
import { gateBlueprint } from './stages/gateBlueprint';
import { reviewBlueprint, type ReviewScores } from './stages/reviewBlueprint';

export type RunEnd = { state: 'shipped'; reason: string } | { state: 'not_shipped'; reason: string };

export async function createRun(ctx: RunContext, split: SplitCommand): Promise<RunEnd> {
  const drafted = await draftBlueprint(ctx, split);
  if (!drafted.ok) return { state: 'not_shipped', reason: drafted.reason };
  let { blueprint, doc } = drafted;
  let round = 1;
  let changes: string[] = [];
  let last: ReviewScores | undefined;
  for (let g = 1; ; g++) {
    const reviewed = await reviewBlueprint(ctx, split, { blueprint, doc }, round, changes);
    if (!reviewed.ok) return { state: 'not_shipped', reason: reviewed.reason };
    ({ blueprint, doc } = reviewed);
    round = reviewed.nextRound;
    last = reviewed.rounds[reviewed.rounds.length - 1] ?? last;
    const gate = await gateBlueprint(ctx, blueprint, doc, g, last);
    if (!gate.ok) return { state: 'not_shipped', reason: gate.reason };
    if (gate.answer.verdict === 'ACCEPT') break;
    if (gate.answer.verdict === 'REJECT') return { state: 'not_shipped', reason: `the ${gate.by === 'twin' ? 'twin' : 'owner'} rejected the blueprint: ${gate.answer.reason}` };
    if (g >= ctx.config.limits.reviewRounds) {
      return { state: 'not_shipped', reason: `the ${gate.by === 'twin' ? 'twin' : 'owner'} still asked for changes after ${g} gate decisions: ${gate.answer.changes.join('; ')}` };
    }
    changes = gate.answer.changes;
  }

  const waves: WavesOutcome = await buildWaves(ctx, blueprint, doc);
  const built = waves.tasks.every((t) => t.state === 'done') && waves.testsPass;
  const qc = waves.tasks.some((t) => t.state === 'done') ? await codeQc(ctx, blueprint, doc) : undefined;
  const verify = built ? await verifyApp(ctx, blueprint, doc) : undefined;
  await learn(ctx, blueprint, doc, waves);

  if (!built) {
    const bad = waves.tasks.filter((t) => t.state !== 'done').map((t) => `${t.id} ${t.state}${t.reason ? ` (${t.reason})` : ''}`);
    return { state: 'not_shipped', reason: bad.length ? `not every task was built: ${bad.join('; ')}` : (waves.reason ?? 'the tests did not pass after the last wave') };
  }
  if (!qc?.ok) return { state: 'not_shipped', reason: `code QC did not pass (score ${qc?.score ?? '-'} of ${ctx.config.thresholds.qc} needed)${qc?.reason ? `: ${qc.reason}` : ''}` };
  if (!verify?.ok) return { state: 'not_shipped', reason: `verification did not pass (score ${verify?.score ?? '-'} of ${ctx.config.thresholds.verify} needed)${verify?.reason ? `: ${verify.reason}` : ''}` };
  return { state: 'shipped', reason: `all ${waves.tasks.length} tasks built test-first, code QC ${qc.score}, verify ${verify.score}` };
}
