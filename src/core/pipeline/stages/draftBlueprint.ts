/**
 * BLUEPRINT: the ceo writes the blueprint from the request and what earlier runs learned. An
 * invalid one (schema or the checks of checkBlueprint) goes back to it with the issues, bounded by
 * limits.repairs. The result is written to blueprint.md in the run folder.
 */
import type { Blueprint } from '../../protocol';
import { checkBlueprint, type SplitCommand } from '../blueprint/checkBlueprint';
import { proseOf, renderBlueprintDoc } from '../blueprint/blueprintDoc';
import { learnedText } from '../learnedText';
import { machineText } from '../machineText';
import { stepPrompt, systemPrompt } from '../prompts';
import type { RunContext } from '../runContext';

export type Drafted = { ok: true; blueprint: Blueprint; doc: string } | { ok: false; reason: string };

export async function draftBlueprint(ctx: RunContext, split: SplitCommand): Promise<Drafted> {
  ctx.progress({ kind: 'stage', stage: 'blueprint' });
  const learned = learnedText(await ctx.learning.recall());
  const asked = await ctx.models.ask({
    key: 'blueprint',
    role: 'ceo',
    step: 'blueprint',
    expect: 'blueprint',
    system: systemPrompt('ceo'),
    fresh: stepPrompt('blueprint', { request: ctx.request, learned, environment: machineText() }),
    check: (bp) => checkBlueprint(bp, split),
  });
  if (!asked.ok) {
    ctx.journal.append({ type: 'note', topic: 'blueprint.invalid', data: { reason: asked.reason } });
    return { ok: false, reason: `the blueprint could not be used: ${asked.reason}` };
  }
  const doc = renderBlueprintDoc(asked.message, proseOf(asked.reply));
  ctx.folder.writeText(ctx.folder.blueprintFile, doc);
  ctx.journal.append({ type: 'note', topic: 'blueprint', data: { tasks: asked.message.tasks.map((t) => t.id), repairs: asked.repairs } });
  return { ok: true, blueprint: asked.message, doc };
}
