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
  // The lines that can identify a place: neither blank nor `...`.
  const written = search.flatMap((line, i) => (isBlank(line) || isElision(line) ? [] : [{ key: keyOf('typography', line), i }]));
  if (written.length === 0) return undefined;
  const wanted = new Map<string, number[]>();
  for (const { key, i } of written) wanted.set(key, [...(wanted.get(key) ?? []), i]);
  // Each file line equal to SEARCH line i votes for SEARCH starting i lines above it.
  const votes = new Map<number, number>();
  view.keys('typography').forEach((key, j) => {
    for (const i of wanted.get(key) ?? []) votes.set(j - i, (votes.get(j - i) ?? 0) + 1);
  });
  const sText = written.map((w) => w.key).join('\n');
  if (votes.size === 0) return slidingCandidate(view, sText, search.length);
  // The five starts with the most votes (earliest first among equals); of those, the most similar.
  const top = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5);
  let best: Candidate | undefined;
  for (const [start, count] of top) {
    // A vote is from a file line, so the window always holds at least that line.
    const from = Math.max(0, start);
    const to = Math.min(view.lines.length, start + search.length);
    const wText = writtenText(view, from, to);
    // Comparing long texts character by character costs too much on this failure path: the share
    // of SEARCH's lines found there stands in for the similarity.
    const sim = sText.length * wText.length <= MAX_EXACT_COST ? similarity(sText, wText) : count / written.length;
    if (!best || sim > best.similarity) best = candidateAt(view, from, to, sim);
  }
  // A place that shares only a brace or two with SEARCH would mislead more than help.
  return best && best.similarity >= MIN_SHOWN_SIMILARITY ? best : undefined;
}

/** No line matched: compare every window, when the file is small enough for that to stay cheap. */
const MAX_SLIDING_COST = 300_000;
const MIN_SHOWN_SIMILARITY = 0.5;

function slidingCandidate(view: FileView, sText: string, m: number): Candidate | undefined {
  if (view.lines.length * m > MAX_SLIDING_COST) return undefined;
  let best: Candidate | undefined;
  for (const from of view.lines.keys()) {
    const to = Math.min(view.lines.length, from + m);
    // Only a window more similar than the best so far (and at least MIN_SHOWN_SIMILARITY) counts.
    const sim = similarity(sText, writtenText(view, from, to), best?.similarity ?? MIN_SHOWN_SIMILARITY);
    if (sim > (best?.similarity ?? 0)) best = candidateAt(view, from, to, sim);
  }
  return best;
}

/** The file's lines [from, to) as compared with SEARCH: normalised, without blank lines. */
function writtenText(view: FileView, from: number, to: number): string {
  return view
    .keys('typography')
    .slice(from, to)
    .filter((k) => k !== '')
    .join('\n');
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
