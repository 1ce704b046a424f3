/**
 * What an UPDATE adds to report.md: what recon found, and the baseline (the project's suite before
 * the first task), with the tests that already failed then, which no task is blamed for.
 */
import { commandText, fenced, strings, text } from './md';
import type { RunNote } from './runNotes';

export function updateSections(notes: readonly RunNote[]): string[] {
  const lines: string[] = [];
  const recon = notes.filter((n) => n.topic === 'recon').pop();
  if (recon) {
    const d = recon.data;
    lines.push('## Recon', '', `${text(d.files)} files; test command: ${d.testCommand ? `\`${text(d.testCommand)}\`` : 'none found'}; entry points: ${strings(d.entryPoints).join(', ') || 'none found'}.`, '');
  }
  const base = notes.filter((n) => n.topic === 'baseline').pop();
  if (base) {
    const d = base.data;
    const c = (d.command ?? {}) as { argv?: unknown; exitCode?: unknown; digest?: unknown };
    const failing = strings(d.failing);
    const counted = d.tests === null || d.tests === undefined ? 'its output could not be read test by test, so it is judged as a whole' : `${text(d.tests)} tests read`;
    lines.push('## Baseline', '', `The project's suite before the first task: \`${commandText(c.argv)}\` → ${d.passed ? 'passed' : `failed (exit code ${text(c.exitCode) || 'none'})`}; ${counted}.`);
    if (failing.length) lines.push('', `Already failing before this run (not blamed on any task): ${failing.join('; ')}.`);
    if (!d.passed && typeof c.digest === 'string' && c.digest.trim()) lines.push('', ...fenced(c.digest, 1500));
    lines.push('');
  }
  return lines;
}

/** One `task.suite` note: the project's suite after a task's GREEN or refactor, against the baseline. */
export function suiteLine(d: Record<string, unknown>): string {
  const phase = d.attempt !== undefined ? ` (attempt ${text(d.attempt)})` : '';
  const after = d.phase === 'refactor' ? 'the refactor' : 'GREEN';
  const already = strings(d.alreadyFailing);
  const note = already.length ? ` (already failing before, not blamed: ${already.join('; ')})` : '';
  if (d.ok !== false) return `- **PROJECT SUITE** after ${after}${phase}: no test that passed before fails${note}`;
  return `- **PROJECT SUITE** after ${after}${phase}: **regressed**: ${strings(d.regressions).join('; ') || 'the suite as a whole'}${note}`;
}
