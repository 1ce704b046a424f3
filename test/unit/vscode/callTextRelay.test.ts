// Model text on its way to the dashboard: batched (a long answer does not flood postMessage), in
// order, and kept per call so a page loaded mid-answer is painted with the text so far.
import assert from 'node:assert/strict';
import { CallTextRelay, type RelayClock } from '../../../src/vscode/callTextRelay';
import type { CallTextPart } from '../../../src/shared/messages';

/** A clock the test moves by hand; timers fire as it passes them. */
class HandClock implements RelayClock {
  t = 0;
  private timers: Array<{ at: number; fn: () => void }> = [];
  now(): number {
    return this.t;
  }
  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.t + ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.t = next.at;
      this.timers = this.timers.filter((x) => x !== next);
      next.fn();
    }
    this.t = end;
  }
}

/** The text a page shows per call after applying the parts in order (ended calls show nothing). */
function shown(batches: CallTextPart[][]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const p of batches.flat()) {
    if (p.end) texts.delete(p.call);
    else texts.set(p.call, (p.reset ? '' : (texts.get(p.call) ?? '')) + p.text);
  }
  return texts;
}

describe('CallTextRelay: streamed model text for the dashboard', () => {
  let clock: HandClock;
  let sent: Array<{ at: number; parts: CallTextPart[] }>;
  let relay: CallTextRelay;
  beforeEach(() => {
    clock = new HandClock();
    sent = [];
    relay = new CallTextRelay((parts) => sent.push({ at: clock.now(), parts }), clock, 100);
  });

  it('a long answer streamed over 3 s, one delta a millisecond, reaches the page in at most ~10 messages a second, every character in order', () => {
    let text = '';
    for (let ms = 0; ms < 3000; ms++) {
      const delta = `w${ms} `;
      text += delta;
      relay.push({ kind: 'delta', key: 'call:T1:tests:a1', text: delta });
      clock.advance(1);
    }
    clock.advance(200);
    assert.ok(sent.length <= 31, `${sent.length} messages for 3 s of text`);
    assert.ok(sent.length >= 25, `the text still flows while it streams (${sent.length} messages)`);
    for (let i = 1; i < sent.length; i++) assert.ok((sent[i]?.at ?? 0) - (sent[i - 1]?.at ?? 0) >= 100, 'no two messages closer than the interval');
    assert.equal(shown(sent.map((s) => s.parts)).get('call:T1:tests:a1'), text);
  });

  it('calls streaming side by side (a wave) keep their own text; a restart starts a call over; an ended call goes', () => {
    relay.push({ kind: 'delta', key: 'a', text: 'one ' });
    relay.push({ kind: 'delta', key: 'b', text: 'uno ' });
    relay.push({ kind: 'delta', key: 'a', text: 'two' });
    clock.advance(100);
    relay.push({ kind: 'restart', key: 'b', reason: 'retry' });
    relay.push({ kind: 'delta', key: 'b', text: 'dos' });
    relay.push({ kind: 'end', key: 'a', answered: true });
    clock.advance(100);
    assert.deepEqual(sent[0]?.parts, [{ call: 'a', text: 'one two' }, { call: 'b', text: 'uno ' }]);
    assert.deepEqual(shown(sent.map((s) => s.parts)), new Map([['b', 'dos']]));
  });

  it('a page loaded mid-answer gets each open call whole; calls that ended are not in it', () => {
    relay.push({ kind: 'delta', key: 'a', text: 'done ' });
    relay.push({ kind: 'end', key: 'a', answered: true });
    relay.push({ kind: 'delta', key: 'b', text: 'half ' });
    clock.advance(100);
    relay.push({ kind: 'delta', key: 'b', text: 'an answer' });
    assert.deepEqual(relay.replay(), [{ call: 'b', text: 'half an answer', reset: true }]);
    clock.advance(500);
    assert.equal(sent.length, 1, 'what waited is in the replay, not sent again');
  });

  it("the run's end closes calls it left open", () => {
    relay.push({ kind: 'delta', key: 'a', text: 'cut' });
    relay.endAll();
    relay.flush();
    assert.deepEqual(shown(sent.map((s) => s.parts)), new Map());
    assert.deepEqual(relay.replay(), []);
  });
});
