/** What code QC and verify hand back to the run: passed or not, the score, and why not. */
export interface Scored {
  ok: boolean;
  /** Null when nothing was scored (the step could not run, or its reply could not be used). */
  score: number | null;
  reason?: string;
}
