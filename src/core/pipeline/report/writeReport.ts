/**
 * report.md, for people, written from the journal alone (so a resumed or stopped run gets the same
 * report): the request, the result and why, the review scores per round, the gate decisions, each
 * task with its RED and GREEN evidence, traps and rollbacks, code QC findings with file:line, the
 * probes and what they observed, what was learned, and cost and tokens per role.
 */
import type { Journalled } from '../journal/events';
import { renderAuditReport } from './auditReport';
import { costSection } from './costs';
import { codeQcSection, learningSection, verifySection } from './finishSections';
import { learningsUsedSection } from './learningSections';
import { firstLine, text } from './md';
import { planSections } from './planSections';
import { runNotes } from './runNotes';
import { sandboxSection } from './sandboxSection';
import { taskSections } from './taskSections';
import { updateSections } from './updateSections';

export function renderReport(runId: string, events: readonly Journalled[]): string {
  const start = events.find((e) => e.type === 'run');
  // An audit has no blueprint, tasks or verify: its own layout (the run event says which mode).
  if (start?.type === 'run' && start.mode === 'audit') return renderAuditReport(runId, events);
  const notes = runNotes(events);
  const ends = events.filter((e) => e.type === 'end');
  const end = ends[ends.length - 1];
  const resumes = events.filter((e) => e.type === 'resumed').length;
  const stages = events.filter((e) => e.type === 'stage');
  const lastStage = stages[stages.length - 1];

  const lines = [`# Factory run ${runId}`, ''];
  if (start?.type === 'run') {
    if (start.mode === 'update') lines.push(`Mode: UPDATE${start.fromAudit !== undefined ? `, fixing the findings of audit ${start.fromAudit}` : ''}`, '');
    lines.push(`Request: ${start.request}`, '');
  }
  lines.push('## Result', '');
  if (end?.type === 'end') lines.push(`**${end.state.replace('_', ' ')}**: ${end.reason}`);
  else lines.push(`**running** (no end recorded yet${lastStage?.type === 'stage' ? `; last stage: ${lastStage.stage}` : ''})`);
  if (resumes > 0) lines.push('', `The run was resumed ${resumes} time${resumes === 1 ? '' : 's'}; recorded steps were reused, not repeated.`);
  const earlier = ends.slice(0, -1).filter((e) => e.type === 'end');
  for (const e of earlier) if (e.type === 'end') lines.push(`- earlier: ${e.state.replace('_', ' ')}: ${firstLine(e.reason, 300)}`);
  for (const c of notes.filter((n) => n.topic === 'crash')) lines.push('', `An engine error stopped a try of this run: ${firstLine(c.data.message, 300)}`);
  lines.push('');

  lines.push(...updateSections(notes), ...planSections(notes), ...learningsUsedSection(notes), ...taskSections(notes), ...codeQcSection(notes), ...verifySection(events, notes), ...learningSection(notes));
  const violations = notes.filter((n) => n.topic === 'protocol_violation' && !String(n.data.step ?? '').startsWith('verify'));
  if (violations.length) {
    lines.push('## Protocol violations', '');
    for (const v of violations) lines.push(`- ${text(v.data.role)} at ${text(v.data.step)}: ${firstLine(v.data.why, 300)}${v.data.refusedBlocks !== undefined ? ` (${text(v.data.refusedBlocks)} block(s))` : ''}`);
    lines.push('');
  }
  lines.push(...sandboxSection(events, notes), ...costSection(events, notes));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
