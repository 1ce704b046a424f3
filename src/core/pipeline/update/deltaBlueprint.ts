/**
 * UPDATE's BLUEPRINT: the ceo writes a delta blueprint from the request and the recon (the map, the
 * test command, the entry points): only the tasks the change needs, each naming the existing files
 * it may touch. The same blueprint step as CREATE (stages/draftBlueprint.ts) with its own prompt
 * (prompts/step.blueprint_update.md) and one more check: the project's own test command.
 */
import type { Recon } from '../../codemap/recon';
import type { Blueprint, DacIssue } from '../../protocol';
import type { SplitCommand } from '../blueprint/checkBlueprint';
import type { RunContext } from '../runContext';
import { draftBlueprint, type Drafted } from '../stages/draftBlueprint';
import { reconSlots } from './reconText';

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

export function draftDeltaBlueprint(ctx: RunContext, split: SplitCommand, seen: Recon): Promise<Drafted> {
  return draftBlueprint(ctx, split, { prompt: 'blueprint_update', detail: 'delta', note: { delta: true }, more: updateChecks(seen), slots: reconSlots(seen) });
}
