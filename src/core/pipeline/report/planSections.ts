/** The blueprint, its review rounds (scores per round, open findings) and the gate decisions. */
import { firstLine, isRecord, num, records, strings, table, text } from './md';
import type { RunNote } from './runNotes';

export function planSections(notes: readonly RunNote[]): string[] {
  const lines: string[] = [];
  const blueprint = notes.filter((n) => n.topic === 'blueprint').pop();
  const invalid = notes.filter((n) => n.topic === 'blueprint.invalid');
  if (blueprint || invalid.length) {
    lines.push('## Blueprint', '');
    if (blueprint) {
      const repairs = num(blueprint.data.repairs) ?? 0;
      lines.push(`Tasks: ${strings(blueprint.data.tasks).join(', ') || '-'}${repairs ? ` (the ceo repaired its blueprint ${repairs} time${repairs === 1 ? '' : 's'})` : ''}. The blueprint is blueprint.md beside this report.`);
    }
    for (const n of invalid) lines.push(`- Invalid${n.data.round !== undefined ? ` after review round ${text(n.data.round)}` : ''}: ${firstLine(n.data.reason ?? records(n.data.issues).map((i) => `${text(i.path)}: expected ${text(i.expected)}`).join('; '), 400)}`);
    lines.push('');
  }

  const reviews = notes.filter((n) => n.topic === 'review');
  if (reviews.length) {
    lines.push('## Review', '');
    lines.push(...table(['round', 'qc', 'architect', 'findings', 'blocks not applied'], reviews.map((r) => {
      const scores = isRecord(r.data.scores) ? r.data.scores : {};
      const findings = isRecord(r.data.findings) ? r.data.findings : {};
      return [r.data.round, scores.qc, scores.architect, records(findings.qc).length + records(findings.architect).length, strings(r.data.blocksNotApplied).length];
    })), '');
    const last = reviews[reviews.length - 1];
    const findings = isRecord(last.data.findings) ? last.data.findings : {};
    const open = ['qc', 'architect'].flatMap((who) => records(findings[who]).map((f) => `- ${who} [${text(f.severity)}] ${f.where ? `${text(f.where)}: ` : ''}${firstLine(f.issue, 300)}`));
    if (open.length) lines.push(`Findings of the last round (${text(last.data.round)}):`, ...open, '');
  }

  const gates = notes.filter((n) => n.topic === 'gate');
  if (gates.length) {
    lines.push('## Gate decisions', '');
    gates.forEach((g, i) => {
      const answer = isRecord(g.data.answer) ? g.data.answer : g.data;
      const by = g.data.by === 'human' ? 'the owner' : 'the twin';
      const reasons = strings(g.data.reasons);
      const changes = strings(answer.changes);
      lines.push(`${i + 1}. **${text(answer.verdict)}** by ${by}${reasons.length ? `: ${reasons.join('; ')}` : ''}${typeof answer.reason === 'string' ? `: ${answer.reason}` : ''}`);
      for (const c of changes) lines.push(`   - change: ${c}`);
    });
    lines.push('');
  }
  return lines;
}
