/**
 * UPDATE's BLUEPRINT: the ceo writes a delta blueprint from the request and the recon (the map, the
 * test command, the entry points): only the tasks the change needs, each naming the existing files
 * it may touch. Checked like CREATE's, plus updateChecks. Written to blueprint.md in the run folder.
 */
import type { Blueprint, DacIssue } from '../../protocol';
import { checkBlueprint, type SplitCommand } from '../blueprint/checkBlueprint';
import { proseOf, renderBlueprintDoc } from '../blueprint/blueprintDoc';
import { learnedText } from '../learnedText';
import { machineText } from '../machineText';
import { stepPrompt, systemPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import type { Drafted } from '../stages/draftBlueprint';
import type { Recon } from '../../codemap/recon';

/** What an UPDATE blueprint must hold beyond CREATE's checks: the project's own test command, as the baseline runs it. */
export function updateChecks(seen: Pick<Recon, 'testCommand'>): (bp: Blueprint) => DacIssue[] {
  return (bp) => {
    const own = seen.testCommand;
    const test = bp.core.commands.test;
    if (own === null || (test !== null && words(test) === words(own))) return [];
    return [
      {
        path: '$.core.commands.test',
        expected: `the project's own test command ${JSON.stringify(own)} (found in the project; the baseline runs it before the first task and after each task, so the project's tests keep passing)`,
        got: JSON.stringify(test),
      },
    ];
  };
}

const words = (line: string): string => line.trim().split(/\s+/).join(' ');

const listed = (items: readonly string[], none: string): string => (items.length ? items.join(', ') : none);

export async function draftDeltaBlueprint(ctx: RunContext, split: SplitCommand, seen: Recon): Promise<Drafted> {
  ctx.progress({ kind: 'stage', stage: 'blueprint', detail: 'delta' });
  const more = updateChecks(seen);
  const asked = await ctx.models.ask({
    key: 'blueprint',
    role: 'ceo',
    step: 'blueprint',
    expect: 'blueprint',
    system: systemPrompt('ceo'),
    fresh: stepPrompt('blueprint_update', {
      request: ctx.request,
      learned: learnedText(await ctx.learning.recall()),
      environment: machineText(),
      files: `${seen.files.length}${seen.omitted.length ? ` (${seen.omitted.length} left out of the map below for its size)` : ''}`,
      languages: Object.entries(seen.languages).map(([l, n]) => `${l} ${n}`).join(', ') || 'none',
      test_command: seen.testCommand ?? '(none found: choose one the machine can run, and add the tests it runs)',
      test_command_json: seen.testCommand ?? '...',
      test_files: listed(seen.testFiles, 'none'),
      entry_points: listed(seen.entryPoints, 'none found'),
      map: seen.map.trim() || '(no files)',
    }),
    check: (bp) => [...checkBlueprint(bp, split), ...more(bp)],
  });
  if (!asked.ok) {
    ctx.journal.append({ type: 'note', topic: 'blueprint.invalid', data: { reason: asked.reason } });
    return { ok: false, reason: `the delta blueprint could not be used: ${asked.reason}` };
  }
  const doc = renderBlueprintDoc(asked.message, proseOf(asked.reply));
  ctx.folder.writeText(ctx.folder.blueprintFile, doc);
  ctx.journal.append({ type: 'note', topic: 'blueprint', data: { tasks: asked.message.tasks.map((t) => t.id), repairs: asked.repairs, delta: true } });
  return { ok: true, blueprint: asked.message, doc };
}
