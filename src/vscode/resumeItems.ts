/** The quick pick of "Factory: Resume Run": the folder's resumable runs (as `factory runs` lists them), newest first. */
import { ageText } from '../core/pipeline/runAge';
import { costText } from '../core/pipeline/runCost';
import { isResumable, type RunRow } from '../core/pipeline/runRow';

export interface ResumeItem {
  label: string;
  description: string;
  detail: string;
  id: string;
}

export function resumeItems(rows: readonly RunRow[], now: number): ResumeItem[] {
  return rows
    .filter(isResumable)
    .sort((a, b) => (b.lastAt ?? 0) - (a.lastAt ?? 0))
    .map((r) => ({
      label: r.request || r.id,
      description: `${r.state.replace('_', ' ')} at ${r.stage?.replace('_', ' ') ?? 'the start'} · ${ageText(r.lastAt, now)} · ${costText(r.cost)}`,
      detail: r.id,
      id: r.id,
    }));
}
