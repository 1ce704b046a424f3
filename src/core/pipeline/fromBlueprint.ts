/**
 * What CREATE and UPDATE share once the ceo has written a blueprint (DESIGN.md, "The pipeline"):
 * review → gate (a CHANGE goes back to review) → waves → code QC → verify → learn. A mode may add
 * blueprint checks and a step before the first task (UPDATE: the baseline run of the project's suite,
 * which guards every task). Returns how the run ended; report.md is written by the caller.
 */
import type { Blueprint } from '../protocol';
import type { SplitCommand } from './blueprint/checkBlueprint';
import type { RunContext } from './runContext';
import { buildWaves, type WavesOutcome } from './stages/buildWaves';
import { codeQc, learn, verifyApp } from './stages/finishStages';
import { gateBlueprint } from './stages/gateBlueprint';
import { reviewBlueprint, type MoreChecks, type ReviewScores } from './stages/reviewBlueprint';
import type { WavesOptions } from './waves/runWaves';

export type RunEnd = { state: 'shipped'; reason: string } | { state: 'not_shipped'; reason: string };

export interface ModeSteps {
  /** Blueprint checks beyond checkBlueprint's, applied to every reviewed version. */
  more?: MoreChecks;
  /** Shown to the blueprint's reviewers before their instructions (UPDATE: the project it changes); none in CREATE. */
  project?: string;
  /** Shown to code QC before its target, given the files it shows in full (UPDATE: the project was there before the run); none in CREATE. */
  existing?: (shown: readonly string[]) => Promise<string>;
  /** Runs after the gate, before the first task; gives the waves their options, or a reason to stop. */
  beforeWaves?: (bp: Blueprint) => Promise<{ ok: true; waves: WavesOptions } | { ok: false; reason: string }>;
}

export async function fromBlueprint(ctx: RunContext, split: SplitCommand, drafted: { blueprint: Blueprint; doc: string }, steps: ModeSteps = {}): Promise<RunEnd> {
  let { blueprint, doc } = drafted;
  let round = 1;
  let changes: string[] = [];
  let last: ReviewScores | undefined;
  for (let g = 1; ; g++) {
    const reviewed = await reviewBlueprint(ctx, split, { blueprint, doc }, round, changes, steps.more, steps.project);
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

  const before = steps.beforeWaves ? await steps.beforeWaves(blueprint) : { ok: true as const, waves: {} };
  if (!before.ok) return { state: 'not_shipped', reason: before.reason };
  const waves: WavesOutcome = await buildWaves(ctx, blueprint, doc, before.waves);
  const built = waves.tasks.every((t) => t.state === 'done') && waves.testsPass;
  const qc = waves.tasks.some((t) => t.state === 'done') ? await codeQc(ctx, blueprint, doc, steps.existing) : undefined;
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
