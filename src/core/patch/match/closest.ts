/**
 * Finds the closest place for a SEARCH that matched nowhere, so that the failure can show the model
 * the file's real lines and their numbers. Only used on failure; never used to apply anything.
 */
import type { Candidate } from '../types';
import { keyOf, type FileView } from './fileView';
import { isBlank, isElision } from './normalize';
import { similarity } from './similarity';

/** The file lines shown to the model for a candidate; longer candidates are cut. */
export const MAX_SHOWN_LINES = 40;
const MAX_EXACT_COST = 4_000_000;

export function closestCandidate(view: FileView, search: readonly string[]): Candidate | undefined {
  const written = search.map((l, i) => ({ key: keyOf('typography', l), i })).filter(({ key }, k) => key !== '' && !isElision(search[k]));
  if (written.length === 0 || view.lines.length === 0) return undefined;
  const wanted = new Map<string, number[]>();
  for (const { key, i } of written) {
    const at = wanted.get(key);
    if (at) at.push(i);
    else wanted.set(key, [i]);
  }
  // Each file line equal to SEARCH line i votes for SEARCH starting i lines above it.
  const votes = new Map<number, number>();
  const keys = view.keys('typography');
  for (let j = 0; j < keys.length; j++) {
    const at = wanted.get(keys[j]);
    if (!at) continue;
    for (const i of at) votes.set(j - i, (votes.get(j - i) ?? 0) + 1);
  }
  if (votes.size === 0) return slidingCandidate(view, written.map((w) => w.key), search.length);
  const top = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5);
  const sText = written.map((w) => w.key).join('\n');
  let best: Candidate | undefined;
  for (const [start, count] of top) {
    const from = Math.max(0, start);
    const to = Math.min(view.lines.length, start + search.length);
    if (to <= from) continue;
    const wText = keys
      .slice(from, to)
      .filter((k) => k !== '')
      .join('\n');
    const sim = sText.length * wText.length <= MAX_EXACT_COST ? similarity(sText, wText) : count / written.length;
    if (!best || sim > best.similarity) {
      best = { startLine: from + 1, endLine: to, similarity: sim, text: shown(view.lines, from, to) };
    }
  }
  // A place that shares only a brace or two with SEARCH would mislead more than help.
  return best && best.similarity >= MIN_SHOWN_SIMILARITY ? best : undefined;
}

/** No line matched: compare every window, when the file is small enough for that to stay cheap. */
const MAX_SLIDING_COST = 300_000;
const MIN_SHOWN_SIMILARITY = 0.5;

function slidingCandidate(view: FileView, sKeys: readonly string[], m: number): Candidate | undefined {
  if (view.lines.length * m > MAX_SLIDING_COST) return undefined;
  const keys = view.keys('typography');
  const sText = sKeys.join('\n');
  let best: Candidate | undefined;
  for (let from = 0; from < keys.length; from++) {
    const to = Math.min(keys.length, from + m);
    const sim = similarity(sText, keys.slice(from, to).filter((k) => k !== '').join('\n'), best?.similarity ?? MIN_SHOWN_SIMILARITY);
    if (sim >= MIN_SHOWN_SIMILARITY && (!best || sim > best.similarity)) best = { startLine: from + 1, endLine: to, similarity: sim, text: '' };
  }
  return best && { ...best, text: shown(view.lines, best.startLine - 1, best.endLine) };
}

export function shown(lines: readonly string[], from: number, to: number): string {
  const cut = Math.min(to, from + MAX_SHOWN_LINES);
  const text = lines.slice(from, cut).join('\n');
  return cut < to ? `${text}\n[... ${to - cut} more lines]` : text;
}

export function candidateAt(view: FileView, from: number, to: number, sim: number): Candidate {
  return { startLine: from + 1, endLine: to, similarity: sim, text: shown(view.lines, from, to) };
}

/** SEARCH written entirely of blank lines can never identify a place. */
export function onlyBlank(search: readonly string[]): boolean {
  return search.every(isBlank);
}
