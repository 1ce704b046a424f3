/**
 * BLUEPRINT: the ceo writes the blueprint from the request and what earlier runs learned: the
 * relevant DNA, traps and rules, and the request's domains (named by the engine) whose known
 * pitfalls it lists and applies. An invalid one (schema, the checks of checkBlueprint, or an
 * `applied` id that names no learning it was shown) goes back to it with the issues, bounded by
 * limits.repairs. Decisions the owner's DNA settles are marked by the engine. The result is written
 * to blueprint.md in the run folder. UPDATE asks through the same step with its own prompt (the
 * recon) and checks (update/deltaBlueprint.ts).
 */
import type { Blueprint, DacIssue } from '../../protocol';
import type { Selection } from '../../learning';
import { checkBlueprint, type SplitCommand } from '../blueprint/checkBlueprint';
import { proseOf, renderBlueprintDoc } from '../blueprint/blueprintDoc';
import { checkDna, markDnaDecisions } from '../dnaDecisions';
import { recallLearnings } from '../learnedRecall';
import { learnedText, researchText } from '../learnedText';
import { machineText } from '../machineText';
import { stepPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import type { MoreChecks } from './reviewBlueprint';

export type Drafted = { ok: true; blueprint: Blueprint; doc: string } | { ok: false; reason: string };

/** What a mode changes in the blueprint step: its prompt, the slots beyond the common ones, its checks. */
export interface DraftSpec {
  /** prompts/step.<prompt>.md; its slots `request`, `learned`, `research` and `environment` are filled here. */
  prompt: string;
  slots?: Readonly<Record<string, string>>;
  more?: MoreChecks;
  /** Shown with the stage ('delta'), and what the blueprint note says of the kind ({ delta: true }). */
  detail?: string;
  note?: Readonly<Record<string, unknown>>;
}

const CREATE: DraftSpec = { prompt: 'blueprint' };

export async function draftBlueprint(ctx: RunContext, split: SplitCommand, spec: DraftSpec = CREATE): Promise<Drafted> {
  ctx.progress({ kind: 'stage', stage: 'blueprint', ...(spec.detail !== undefined && { detail: spec.detail }) });
  const recalled = await recallLearnings(ctx);
  const more = spec.more ?? (() => []);
  const asked = await ctx.models.ask({
    key: 'blueprint',
    role: 'ceo',
    step: 'blueprint',
    expect: 'blueprint',
    access: 'read-only',
    fresh: stepPrompt(spec.prompt, { ...spec.slots, request: ctx.request, learned: learnedText(recalled.selection), research: researchText(recalled.selection.domains), environment: machineText() }),
    check: (bp) => [...checkBlueprint(bp, split), ...appliedIssues(bp, recalled.selection), ...more(bp)],
  });
  if (!asked.ok) {
    ctx.journal.append({ type: 'note', topic: 'blueprint.invalid', data: { reason: asked.reason } });
    return { ok: false, reason: `the blueprint could not be used: ${asked.reason}` };
  }
  const blueprint = markDnaDecisions(asked.message, recalled.dna);
  const doc = renderBlueprintDoc(blueprint, proseOf(asked.reply));
  ctx.folder.writeText(ctx.folder.blueprintFile, doc);
  const dna = checkDna(blueprint, recalled.dna);
  ctx.journal.append({
    type: 'note',
    topic: 'blueprint',
    data: { tasks: blueprint.tasks.map((t) => t.id), repairs: asked.repairs, domains: blueprint.domains ?? [], applied: blueprint.applied ?? [], settled: dna.settled, departs: dna.departs, ...spec.note },
  });
  return { ok: true, blueprint, doc };
}

/** An `applied` entry citing a learning must cite one the request showed (by its id). */
function appliedIssues(bp: Blueprint, shown: Selection): DacIssue[] {
  const ids = new Set([...shown.dna, ...shown.traps, ...shown.rules].map((e) => e.id));
  return (bp.applied ?? []).flatMap((a, i): DacIssue[] =>
    a.learning === undefined || ids.has(a.learning.replace(/^\[|\]$/g, ''))
      ? []
      : [{ path: `$.applied[${i}].learning`, expected: ids.size ? `the id of a learning shown in the request (${[...ids].join(', ')}), or "pitfall" for one of your own` : 'no "learning" (none was shown): use "pitfall" for a pitfall of your own', got: JSON.stringify(a.learning) }],
  );
}
