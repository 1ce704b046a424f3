/**
 * "Load DNA, skip known decisions": the engine, not the model, says which blueprint decisions the
 * owner already made. A decision whose topic is a DNA topic and whose choice agrees with it is marked
 * `source: "dna"` and is settled: the twin is told not to re-litigate it, a human gate is not asked
 * about it, and a twin's CHANGE that names its topic is not applied. A `"dna"` the model claimed for
 * anything else becomes "assumption"; a decision on a DNA topic with another choice departs from the
 * owner's DNA and is shown to the gate as such.
 */
import { normalizeKey, sameChoice, type DnaEntry } from '../learning';
import type { Blueprint } from '../protocol';

export interface DnaCheck {
  settled: Array<{ topic: string; choice: string; id: string }>;
  departs: Array<{ topic: string; choice: string; dnaChoice: string; id: string }>;
}

function dnaFor(topic: string, dna: readonly DnaEntry[]): DnaEntry | undefined {
  const key = normalizeKey(topic);
  return dna.find((d) => normalizeKey(d.topic) === key);
}

export function checkDna(bp: Blueprint, dna: readonly DnaEntry[]): DnaCheck {
  const out: DnaCheck = { settled: [], departs: [] };
  for (const d of bp.decisions) {
    const entry = dnaFor(d.topic, dna);
    if (!entry) continue;
    if (sameChoice(entry.choice, d.choice)) out.settled.push({ topic: d.topic, choice: d.choice, id: entry.id });
    else out.departs.push({ topic: d.topic, choice: d.choice, dnaChoice: entry.choice, id: entry.id });
  }
  return out;
}

/** The blueprint with each decision's `source` as the engine sees it. */
export function markDnaDecisions(bp: Blueprint, dna: readonly DnaEntry[]): Blueprint {
  const decisions = bp.decisions.map((d) => {
    const entry = dnaFor(d.topic, dna);
    if (entry && sameChoice(entry.choice, d.choice)) return { ...d, source: 'dna' };
    if (d.source === 'dna') return { ...d, source: 'assumption' };
    return d;
  });
  return { ...bp, decisions };
}

/** A gate change that names a settled topic (as whole words) re-litigates it. */
export function splitChanges(changes: readonly string[], settled: DnaCheck['settled']): { kept: string[]; dropped: Array<{ change: string; topic: string }> } {
  const kept: string[] = [];
  const dropped: Array<{ change: string; topic: string }> = [];
  for (const change of changes) {
    const text = ` ${normalizeKey(change).replace(/[^\p{L}\p{N}:.]+/gu, ' ')} `;
    const hit = settled.find((s) => {
      const topic = normalizeKey(s.topic).replace(/[^\p{L}\p{N}:.]+/gu, ' ').trim();
      return topic.length > 0 && text.includes(` ${topic} `);
    });
    if (hit) dropped.push({ change, topic: hit.topic });
    else kept.push(change);
  }
  return { kept, dropped };
}
