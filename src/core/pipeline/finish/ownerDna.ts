/**
 * The owner's DNA is the owner's: LEARN does not let the ceo's retelling rewrite it. The engine reads
 * what the run decided from the final blueprint, not from the learning reply:
 * - a decision DNA settled (`source: "dna"`) counts one more confirmation, in the owner's own words;
 * - a decision on a DNA topic with another choice replaces the owner's choice only when the owner
 *   made it: their request said so (`source: "request"`) or they changed the blueprint at a human gate;
 * - anything else the learning says about a DNA topic with another choice is not stored (noted as
 *   kept), so a paraphrase or a twin's one-off acceptance cannot reset a choice confirmed many times.
 * DNA on topics the owner has no entry for is the learning's to add, as before.
 */
import { normalizeKey, sameChoice, type DnaEntry } from '../../learning';
import type { Blueprint, Learning } from '../../protocol';

export type LearnedDna = Learning['dna'];

export interface KeptDna {
  topic: string;
  /** What the learning proposed. */
  choice: string;
  /** The owner's recorded choice, which stays. */
  ownerChoice: string;
  id: string;
}

export interface OwnerDnaCheck {
  dna: LearnedDna;
  kept: KeptDna[];
}

export function ownerDnaOnly(learned: LearnedDna, owner: readonly DnaEntry[], bp: Blueprint, ownerChangedAtGate: boolean): OwnerDnaCheck {
  const ownerOf = (topic: string): DnaEntry | undefined => owner.find((d) => normalizeKey(d.topic) === normalizeKey(topic));
  const dna: LearnedDna = [];
  const decided = new Set<string>();
  for (const d of bp.decisions) {
    const entry = ownerOf(d.topic);
    if (!entry || decided.has(entry.id)) continue;
    if (sameChoice(entry.choice, d.choice)) {
      dna.push({ topic: entry.topic, choice: entry.choice, why: entry.why });
      decided.add(entry.id);
    } else if (d.source === 'request' || ownerChangedAtGate) {
      dna.push({ topic: entry.topic, choice: d.choice, why: d.source === 'request' ? 'the owner asked for it in the request' : 'the owner changed it at the gate' });
      decided.add(entry.id);
    }
  }
  const kept: KeptDna[] = [];
  for (const d of learned) {
    const entry = ownerOf(d.topic);
    if (!entry) dna.push(d);
    else if (decided.has(entry.id)) continue;
    else if (sameChoice(entry.choice, d.choice)) {
      dna.push({ topic: entry.topic, choice: entry.choice, why: entry.why || d.why });
      decided.add(entry.id);
    } else kept.push({ topic: entry.topic, choice: d.choice, ownerChoice: entry.choice, id: entry.id });
  }
  return { dna, kept };
}
