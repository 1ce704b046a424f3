/**
 * What recon found, as UPDATE's prompts show it: the slots of the delta blueprint's prompt, the same
 * for its reviewers (they judge the tasks' files against the project), and code QC's note that the
 * project was there before the run.
 */
import type { Recon, ReconFn } from '../../codemap/recon';
import { codemapCacheFile, MAP_BUDGET_TOKENS } from '../waves/taskRequest';
import { renderNamedPrompt } from '../../prompts/load';

const listed = (items: readonly string[], none: string): string => (items.length ? items.join(', ') : none);

/** What recon found, as the slots of the prompts that show the project (the delta blueprint, its review). */
export function reconSlots(seen: Recon): Record<string, string> {
  return {
    files: `${seen.files.length}${seen.omitted.length ? ` (${seen.omitted.length} left out of the map below for its size)` : ''}`,
    languages: Object.entries(seen.languages).map(([l, n]) => `${l} ${n}`).join(', ') || 'none',
    test_command: seen.testCommand ?? '(none found: choose one the machine can run, and add the tests it runs)',
    test_command_json: seen.testCommand ?? '...',
    test_files: listed(seen.testFiles, 'none'),
    entry_points: listed(seen.entryPoints, 'none found'),
    map: seen.map.trim() || '(no files)',
  };
}

/** The project a delta blueprint changes, for its reviewers: without it they would judge the tasks' files blind. */
export function projectForReview(seen: Recon): string {
  return `${renderNamedPrompt('review.project', reconSlots(seen)).trimEnd()}\n\n`;
}

/**
 * For code QC: the project was there before the run, so its old code is not the run's to answer for
 * (prompts/code_qc.update.md), with the map of the project as it is then, less the files QC is shown
 * in full (recon's map from before the run would show the changed files' old signatures).
 */
export function existingForQc(root: string, reconFn: ReconFn, signal: AbortSignal): (shown: readonly string[]) => Promise<string> {
  return async (shown) => {
    const now = await reconFn(root, { budgetTokens: MAP_BUDGET_TOKENS, cacheFile: codemapCacheFile(root), shownInFull: shown, signal });
    return `${renderNamedPrompt('code_qc.update', { map: now.map.trim() || '(none: every file is shown above)' }).trimEnd()}\n\n`;
  };
}
