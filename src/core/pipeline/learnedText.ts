/** What earlier runs learned, as the paragraph the blueprint request carries (empty when nothing). */
import type { Learning } from '../protocol';

export function learnedText(l: Learning | undefined): string {
  if (!l) return '';
  const lines: string[] = [];
  if (l.dna.length) lines.push('Owner decisions (apply them without asking again):', ...l.dna.map((d) => `- ${d.topic}: ${d.choice} (${d.why})`));
  if (l.traps.length) lines.push('Traps seen in earlier projects (avoid them):', ...l.traps.map((t) => `- [${t.domain}] ${t.trap}: ${t.avoid}`));
  if (l.rules.length) lines.push('Rules (never break them):', ...l.rules.map((r) => `- ${r.rule} (${r.why})`));
  return lines.join('\n');
}
