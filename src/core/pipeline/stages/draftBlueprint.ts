/**
 * BLUEPRINT: the ceo writes the blueprint from the request and what earlier runs learned. An
 * invalid one (schema or the checks of checkBlueprint) goes back to it with the issues, bounded by
 * limits.repairs. The result is written to blueprint.md in the run folder. UPDATE asks through the
 * same step with its own prompt (the recon) and checks (update/deltaBlueprint.ts).
 */
import type { Blueprint } from '../../protocol';
import { checkBlueprint, type SplitCommand } from '../blueprint/checkBlueprint';
import { proseOf, renderBlueprintDoc } from '../blueprint/blueprintDoc';
import { learnedText } from '../learnedText';
import { machineText } from '../machineText';
import { stepPrompt, systemPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import type { MoreChecks } from './reviewBlueprint';

export type Drafted = { ok: true; blueprint: Blueprint; doc: string } | { ok: false; reason: string };

/** What a mode changes in the blueprint step: its prompt, the slots beyond the common ones, its checks. */
export interface DraftSpec {
  /** prompts/step.<prompt>.md; its slots `request`, `learned` and `environment` are filled here. */
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
  const learned = learnedText(await ctx.learning.recall());
  const more = spec.more ?? (() => []);
  const asked = await ctx.models.ask({
    key: 'blueprint',
    role: 'ceo',
    step: 'blueprint',
    expect: 'blueprint',
    system: systemPrompt('ceo'),
    fresh: stepPrompt(spec.prompt, { ...spec.slots, request: ctx.request, learned, environment: machineText() }),
    check: (bp) => [...checkBlueprint(bp, split), ...more(bp)],
  });
  if (!asked.ok) {
    ctx.journal.append({ type: 'note', topic: 'blueprint.invalid', data: { reason: asked.reason } });
    return { ok: false, reason: `the blueprint could not be used: ${asked.reason}` };
  }
  const doc = renderBlueprintDoc(asked.message, proseOf(asked.reply));
  ctx.folder.writeText(ctx.folder.blueprintFile, doc);
  ctx.journal.append({ type: 'note', topic: 'blueprint', data: { tasks: asked.message.tasks.map((t) => t.id), repairs: asked.repairs, ...spec.note } });
  return { ok: true, blueprint: asked.message, doc };
}
