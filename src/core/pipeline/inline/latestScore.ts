/**
 * The score a journal note brings, for the status bar while a run is going: a review round's (the
 * lowest reviewer's, the one that decides), code QC's or verification's, with its target.
 */
import type { Journalled } from '../journal/events';

export interface LatestScore {
  /** "review 2 (qc)", "code QC", "verify". */
  name: string;
  value: number;
  target: number | null;
}

export function latestScore(e: Journalled): LatestScore | undefined {
  if (e.type !== 'note' || typeof e.data !== 'object' || e.data === null) return undefined;
  const d = e.data as Record<string, unknown>;
  const target = typeof d.target === 'number' ? d.target : null;
  if (e.topic === 'review' && typeof d.scores === 'object' && d.scores !== null) {
    const scores = Object.entries(d.scores as Record<string, unknown>).filter((s): s is [string, number] => typeof s[1] === 'number');
    const low = scores.sort((a, b) => a[1] - b[1])[0];
    if (!low) return undefined;
    return { name: `review ${typeof d.round === 'number' ? d.round : ''} (${low[0]})`.replace('  ', ' '), value: low[1], target };
  }
  if ((e.topic === 'code_qc' || e.topic === 'verify') && typeof d.score === 'number') {
    return { name: e.topic === 'code_qc' ? 'code QC' : 'verify', value: d.score, target };
  }
  return undefined;
}

export function scoreText(s: LatestScore): string {
  return `${s.name} ${s.value}${s.target === null ? '' : `/${s.target}`}`;
}
