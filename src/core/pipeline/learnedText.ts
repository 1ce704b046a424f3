/**
 * What earlier runs learned, as the paragraph a request carries; when nothing is recorded it says
 * so (prompts/learned.none.md), so a model does not take a missing paragraph for an omission.
 */
import { loadPrompt } from '../prompts/load';
import type { Learning } from '../protocol';

export function learnedText(l: Learning | undefined): string {
  const lines: string[] = [];
  if (!l) return loadPrompt('learned.none').trim();
  if (l.dna.length) lines.push('Owner decisions (apply them without asking again):', ...l.dna.map((d) => `- ${d.topic}: ${d.choice} (${d.why})`));
  if (l.traps.length) lines.push('Traps seen in earlier projects (avoid them):', ...l.traps.map((t) => `- [${t.domain}] ${t.trap}: ${t.avoid}`));
  if (l.rules.length) lines.push('Rules (never break them):', ...l.rules.map((r) => `- ${r.rule} (${r.why})`));
  return lines.length ? lines.join('\n') : loadPrompt('learned.none').trim();
}
