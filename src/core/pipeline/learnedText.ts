/**
 * What earlier runs learned, as the paragraph a request carries: the chosen DNA, traps and rules,
 * each with its id (the blueprint cites ids in `applied`; a person forgets by id). When nothing is
 * recorded it says so (prompts/learned.none.md), so a model does not take a missing paragraph for an
 * omission.
 */
import { dnaLine, ruleLine, trapLine, type Selection } from '../learning';
import { loadPrompt, renderNamedPrompt } from '../prompts/load';

export function learnedText(s: Pick<Selection, 'dna' | 'traps' | 'rules'> | undefined): string {
  if (!s) return loadPrompt('learned.none').trim();
  const parts: string[] = [];
  const section = (name: string, lines: string[]): void => {
    if (lines.length) parts.push(renderNamedPrompt(name, { entries: lines.map((l) => `- ${l}`).join('\n') }).trim());
  };
  section('learned.dna', s.dna.map(dnaLine));
  section('learned.traps', s.traps.map(trapLine));
  section('learned.rules', s.rules.map(ruleLine));
  return parts.length ? parts.join('\n\n') : loadPrompt('learned.none').trim();
}

/** The blueprint's domain-research paragraph: the domains the engine named, and what to record. */
export function researchText(domains: readonly string[]): string {
  return renderNamedPrompt('blueprint.research', { domains: domains.length ? domains.join(', ') : 'none in particular (judge from the request which domain it is in)' }).trim();
}
