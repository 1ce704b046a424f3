/**
 * CODE QC: the qc role scores all code of the project (thresholds.qc) with dead-code, unwired-service
 * and contract checks. Its findings must name files it was shown and lines those files have, so each
 * one can point a person (and the editor's diagnostics) at a place; a finding that does not is sent
 * back like a schema error. The result is the journal note `code_qc`.
 */
import type { Blueprint, DacIssue, QcReport } from '../../protocol';
import { recallLearnings } from '../learnedRecall';
import { learnedText } from '../learnedText';
import { stepPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import { readProjectCode, type ProjectCode } from './projectCode';
import type { Scored } from './scored';

/** `existing`: UPDATE's note that the project was there before the run (update/reconText.ts), given the files shown in full; none in CREATE. */
export async function codeQc(ctx: RunContext, bp: Blueprint, doc: string, existing?: (shown: readonly string[]) => Promise<string>): Promise<Scored> {
  ctx.progress({ kind: 'stage', stage: 'code_qc' });
  const target = ctx.config.thresholds.qc;
  const code = await readProjectCode(ctx.workspace, bp);
  const before = existing ? await existing(code.shown) : '';
  const learned = learnedText((await recallLearnings(ctx)).selection);
  const asked = await ctx.models.ask({
    key: 'code_qc',
    role: 'qc',
    step: 'code_qc',
    expect: 'qc_report',
    access: 'read-only',
    blueprint: doc,
    taskText: code.text,
    fresh: stepPrompt('code_qc', { target, files: [...code.lines.keys()].join(', ') || 'none', existing: before, learned }),
    check: (report) => placeIssues(report, code),
  });
  if (!asked.ok) {
    ctx.journal.append({ type: 'note', topic: 'code_qc', data: { target, passed: false, score: null, error: asked.reason } });
    return { ok: false, score: null, reason: `the QC report could not be used: ${asked.reason}` };
  }
  const { score, findings, dead_code } = asked.message;
  const passed = score >= target;
  ctx.journal.append({
    type: 'note',
    topic: 'code_qc',
    data: { score, target, passed, findings, dead_code, shown: code.shown, listed: code.listed, missing: code.missing },
  });
  ctx.progress({ kind: passed ? 'info' : 'warn', message: `code QC ${score} (target ${target}): ${findings.length} finding${findings.length === 1 ? '' : 's'}, ${dead_code.length} dead code` });
  if (passed) return { ok: true, score };
  const worst = findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => `${f.file}${f.line ? `:${f.line}` : ''} ${f.issue}`);
  return { ok: false, score, reason: worst.length ? worst.join('; ') : undefined };
}

/** Findings about files QC was not given, or lines past a file's end, go back to QC to correct. */
function placeIssues(report: QcReport, code: ProjectCode): DacIssue[] {
  const issues: DacIssue[] = [];
  const known = [...code.lines.keys()];
  report.findings.forEach((f, i) => {
    const count = code.lines.get(f.file);
    if (count === undefined) {
      issues.push({ path: `$.findings[${i}].file`, expected: `one of the project's files (${known.join(', ') || 'none'})`, got: JSON.stringify(f.file) });
    } else if (f.line !== undefined && f.line > count) {
      issues.push({ path: `$.findings[${i}].line`, expected: `a line of ${f.file} (it has ${count} lines)`, got: String(f.line) });
    }
  });
  report.dead_code.forEach((d, i) => {
    if (!code.lines.has(d.file)) issues.push({ path: `$.dead_code[${i}].file`, expected: `one of the project's files (${known.join(', ') || 'none'})`, got: JSON.stringify(d.file) });
  });
  return issues;
}
