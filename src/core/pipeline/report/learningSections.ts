/**
 * What the run took from the learning store and what it did with it: the domains named, each
 * learning shown to the models (with its id), the blueprint's `applied` list, the decisions DNA
 * settled, and the twin's changes to them that were not applied.
 */
import { firstLine, records, strings, text } from './md';
import type { RunNote } from './runNotes';

export function learningsUsedSection(notes: readonly RunNote[]): string[] {
  const used = notes.filter((n) => n.topic === 'learnings.used').pop();
  const failed = notes.filter((n) => n.topic === 'learnings.failed').pop();
  // The accepted blueprint's, when the gate accepted one: reviews may have changed the draft's `applied` and decisions.
  const blueprint = notes.filter((n) => n.topic === 'blueprint.accepted').pop() ?? notes.filter((n) => n.topic === 'blueprint').pop();
  const kept = notes.filter((n) => n.topic === 'gate.dna_kept');
  if (!used && !failed) return [];
  const lines = ['## Learnings used', ''];
  if (failed) lines.push(`The learning store could not be read, so none were used: ${firstLine(failed.data.why, 300)}`, '');
  if (used) {
    const domains = strings(used.data.domains);
    lines.push(`Domains named for the request: ${domains.length ? domains.join(', ') : 'none recognised'}.`);
    const shown = strings(used.data.lines);
    lines.push(
      shown.length
        ? `Shown to the blueprint, review, gate and verify prompts (${text(used.data.tokens)} of ${text(used.data.budget)} tokens${Number(used.data.leftOut) > 0 ? `; ${text(used.data.leftOut)} stored entr${Number(used.data.leftOut) === 1 ? 'y' : 'ies'} left out as less relevant` : ''}):`
        : 'No stored learnings were shown (the store is empty).',
    );
    for (const l of shown) lines.push(`- ${firstLine(l, 300)}`);
    lines.push('');
  }
  if (blueprint) {
    const applied = records(blueprint.data.applied);
    if (applied.length) {
      lines.push('Applied by the blueprint:');
      for (const a of applied) lines.push(`- ${a.learning !== undefined ? `[${text(a.learning).replace(/^\[|\]$/g, '')}]` : `pitfall: ${firstLine(a.pitfall, 200)}`} → ${firstLine(a.how, 300)}`);
      lines.push('');
    } else if (used) lines.push('The blueprint listed nothing it applied.', '');
    const settled = records(blueprint.data.settled);
    if (settled.length) lines.push(`Decisions settled by the owner's DNA (not asked again): ${settled.map((s) => `${text(s.topic)}: ${text(s.choice)}`).join('; ')}.`, '');
    const departs = records(blueprint.data.departs);
    if (departs.length) lines.push(`Decisions that depart from the owner's DNA: ${departs.map((s) => `${text(s.topic)}: ${text(s.choice)} (DNA: ${text(s.dnaChoice)})`).join('; ')}.`, '');
  }
  for (const k of kept) {
    for (const d of records(k.data.dropped)) lines.push(`- The twin's change "${firstLine(d.change, 200)}" was not applied: ${text(d.topic)} is settled by the owner's DNA.`);
    lines.push('');
  }
  return lines;
}
