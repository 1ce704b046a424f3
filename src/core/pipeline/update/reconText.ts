/**
 * What recon found, as UPDATE's prompts show it: the slots of the delta blueprint's prompt, the same
 * for its reviewers (they judge the tasks' files against the project), and code QC's note that the
 * project was there before the run.
 */
import type { Recon } from '../../codemap/recon';
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

/** For code QC: the project was there before the run, so its old code is not the run's to answer for (prompts/code_qc.update.md). */
export function existingForQc(seen: Recon): string {
  return `${renderNamedPrompt('code_qc.update', { map: seen.map.trim() || '(no files)' }).trimEnd()}\n\n`;
}
