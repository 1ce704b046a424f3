/**
 * What every AUDIT request shows, the same for each reviewer (prompts/audit.context.md): what recon
 * measured, the project's test run, the map, and the sampled files whole with numbered lines, read
 * from disk when the request is built. It goes where a task's files go in a request.
 */
import { basename } from 'node:path';
import type { Recon } from '../../codemap/recon';
import { renderNamedPrompt } from '../../prompts/load';
import type { ReadOnlyWorkspace } from './auditContext';
import type { TestsNote } from './projectTests';
import { sampleText, type AuditSample } from './sample';

export async function auditContextText(workspace: ReadOnlyWorkspace, recon: Recon, sample: AuditSample, tests: TestsNote): Promise<string> {
  const languages = Object.entries(recon.languages)
    .sort((a, b) => b[1] - a[1])
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  return renderNamedPrompt('audit.context', {
    folder: basename(workspace.root) || workspace.root,
    fileCount: recon.files.length,
    languages: languages || 'none recognised',
    entryPoints: recon.entryPoints.join(', ') || 'none found',
    testCommand: recon.testCommand === null ? 'none found' : `\`${recon.testCommand}\``,
    tests: testsText(tests),
    map: recon.map.trim() || '(empty)',
    sampleNote: sampleNote(sample),
    code: await sampleText(workspace, sample),
  });
}

export function testsText(tests: TestsNote): string {
  if (tests.state !== 'ran') return `Not run: ${tests.why}`;
  const how = tests.spawnError !== undefined ? `could not start: ${tests.spawnError}` : tests.timedOut ? 'stopped at the time limit' : `exit code ${tests.exitCode ?? 'none (killed)'}`;
  const ticks = tests.digest.includes('```') ? '````' : '```';
  return `\`${tests.command}\` → ${how}, after ${(tests.durationMs / 1000).toFixed(1)} s. The output (failures, messages and the summary):\n\n${ticks}\n${tests.digest.trim() || '(no output)'}\n${ticks}`;
}

function sampleNote(sample: AuditSample): string {
  const over = sample.notRead.filter((n) => n.why === 'budget').length;
  const head = `${sample.read.length} file${sample.read.length === 1 ? '' : 's'} read whole, in the map's order, within a budget of ${sample.budgetChars} characters`;
  return over > 0 ? `${head}; ${over} more not read (over the budget): judge those from the map only.` : `${head}; every file of the project that could be read is here.`;
}
