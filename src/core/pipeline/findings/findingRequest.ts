/**
 * "Ask Factory to fix this" (a diagnostic's quick fix in VS Code): one finding becomes the request of
 * an UPDATE run of the folder the finding's run worked on (prompts/update.from_finding.md).
 */
import { renderNamedPrompt } from '../../prompts/load';
import type { PlacedFinding } from './placedFindings';

export function findingRequest(f: PlacedFinding): string {
  return renderNamedPrompt('update.from_finding', {
    by: `Factory's ${f.by} (run ${f.runId})`,
    severity: f.severity,
    where: f.line === null ? f.file : `${f.file}:${f.line}`,
    issue: f.issue,
    fix: f.fix || '(none proposed)',
  }).trim();
}
