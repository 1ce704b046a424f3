/**
 * Keeps a call's stream of deltas consistent across retries and fallbacks. When a new attempt
 * repeats the text already streamed, the repeat is not sent again; when it says something else, a
 * `restart` voids what was shown and the new text follows. Invariant: the deltas after the last
 * restart join into the final record's text.
 */
import type { StreamEvent } from './types';

export class ReplayFilter {
  /** What the consumer holds since the last restart. */
  private shown = '';
  /** The text of the current attempt so far. */
  private current = '';
  private replaying = false;

  startAttempt(): void {
    this.current = '';
    this.replaying = this.shown !== '';
  }

  push(text: string): StreamEvent[] {
    if (text === '') return [];
    this.current += text;
    if (!this.replaying) {
      this.shown += text;
      return [{ type: 'delta', text }];
    }
    if (this.shown.startsWith(this.current)) return [];
    this.replaying = false;
    if (this.current.startsWith(this.shown)) {
      const fresh = this.current.slice(this.shown.length);
      this.shown = this.current;
      return [{ type: 'delta', text: fresh }];
    }
    return this.restart('the retried request answered differently');
  }

  /** Before the final record: a retried answer shorter than what was shown voids the rest. */
  finish(): StreamEvent[] {
    return this.replaying && this.current !== this.shown ? this.restart('the retried request gave a shorter answer') : [];
  }

  private restart(reason: string): StreamEvent[] {
    this.shown = this.current;
    this.replaying = false;
    return this.current === '' ? [{ type: 'restart', reason }] : [{ type: 'restart', reason }, { type: 'delta', text: this.current }];
  }
}
