/**
 * Model text on its way to the dashboard: deltas of the calls in flight are merged per call and sent
 * at most every `intervalMs` (a long answer arrives as hundreds of deltas; the page gets a few
 * messages a second). It also keeps each call's text so far, so a page loaded mid-answer (the view
 * shown again, reloaded) is painted with it. A call's text goes when the call ends.
 */
import type { CallText } from '../core/pipeline/models/callText';
import type { CallTextPart } from '../shared/messages';

/** At most ~10 messages of model text a second. */
export const CALL_TEXT_INTERVAL_MS = 100;

export interface RelayClock {
  now(): number;
  /** Runs `fn` after `ms`; returns what cancels it. */
  after(ms: number, fn: () => void): () => void;
}

const realClock: RelayClock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export class CallTextRelay {
  private pending: CallTextPart[] = [];
  private readonly texts = new Map<string, string>();
  private cancel: (() => void) | undefined;
  private lastSent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: (parts: CallTextPart[]) => void,
    private readonly clock: RelayClock = realClock,
    private readonly intervalMs = CALL_TEXT_INTERVAL_MS,
  ) {}

  push(e: CallText): void {
    const call = e.key;
    if (e.kind === 'delta') this.texts.set(call, (this.texts.get(call) ?? '') + e.text);
    else if (e.kind === 'restart') this.texts.set(call, '');
    else if (!this.texts.delete(call) && !this.pending.some((p) => p.call === call)) return;
    // The newest part of this call still open takes the change; parts of other calls keep their order.
    let last: CallTextPart | undefined;
    for (let i = this.pending.length - 1; i >= 0 && !last; i--) if (this.pending[i]?.call === call) last = this.pending[i];
    if (!last || last.end) {
      last = { call, text: '' };
      this.pending.push(last);
    }
    if (e.kind === 'delta') last.text += e.text;
    else if (e.kind === 'restart') {
      last.text = '';
      last.reset = true;
    } else last.end = true;
    this.schedule();
  }

  /** Sends what waits now (before a ping, so its answer counts everything). */
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    const parts = this.pending.splice(0);
    if (parts.length === 0) return;
    this.lastSent = this.clock.now();
    this.send(parts);
  }

  /** Each call still answering with its whole text so far, for a page just (re)loaded; what waited is in it. */
  replay(): CallTextPart[] {
    this.cancel?.();
    this.cancel = undefined;
    this.pending = [];
    return [...this.texts].map(([call, text]) => ({ call, text, reset: true }));
  }

  /** The run ended: any call it left open (a crash) ends too. */
  endAll(): void {
    for (const key of [...this.texts.keys()]) this.push({ kind: 'end', key, answered: false });
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private schedule(): void {
    if (this.cancel) return;
    const wait = Math.max(0, this.lastSent + this.intervalMs - this.clock.now());
    this.cancel = this.clock.after(wait, () => {
      this.cancel = undefined;
      this.flush();
    });
  }
}
