/**
 * Stable short ids: derived from what an entry is (its normalised topic, trap or rule), so the same
 * learning has the same id on every machine, in every export, and after every update of its choice.
 */
import { createHash } from 'node:crypto';
import { normalizeKey } from './normalize';

export type EntryKind = 'dna' | 'trap' | 'rule';

export function entryId(kind: EntryKind, ...parts: string[]): string {
  const hash = createHash('sha256').update(parts.map(normalizeKey).join('\u0000')).digest('hex');
  return `${kind}-${hash.slice(0, 8)}`;
}

export const ID_PATTERN = /^(dna|trap|rule)-[0-9a-f]{8}$/;
