/**
 * The run log, windowed: every entry is kept, but only the blocks of rows near the visible part of
 * the list are in the DOM; the others are empty boxes of their measured (or estimated) height. So a
 * run of 20,000 log events costs the page a few hundred rows, however long it gets. Rows wrap, so
 * heights differ: a block is measured when it is drawn, and keeps that height while it is away.
 */
import type { LogEntry } from '../core/log/entry';
import type { CallTextPart } from '../shared/messages';
import { h } from './dom';

const BLOCK = 50;
/** Blocks drawn beyond the visible part, above and below (px). */
const MARGIN = 600;
const PINNED_PX = 12;
/** A call's streamed text shows its last this many characters (the answer's own line has all of it). */
export const LIVE_MAX = 8000;

interface Block {
  el: HTMLElement;
  drawn: boolean;
  /** Its height in px: measured when it was last drawn, else estimated. */
  height: number;
}

const clock = (t: number): string => {
  const d = new Date(t);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};

/** A log row; `live`: the text a call still answering has streamed so far, shown under its line. */
export function logRow(entry: LogEntry, live?: string): HTMLLIElement {
  const when = h('time', { attrs: { datetime: new Date(entry.time).toISOString() } }, clock(entry.time));
  const meta = h('span', { class: 'meta' }, when, ' ', h('span', { class: 'source' }, entry.source));
  const row = h('li', { class: `entry ${entry.level}` }, meta, ' ', h('span', { class: 'message' }, entry.message));
  if (entry.detail !== undefined) {
    const lines = entry.detail.split('\n').length;
    row.append(h('details', { class: 'detail' }, h('summary', {}, `${lines} line${lines === 1 ? '' : 's'}`), h('pre', {}, entry.detail)));
  }
  if (live !== undefined) row.append(h('pre', { class: 'live', title: 'The model is answering: its text so far' }, live));
  return row;
}

export class LogWindow {
  private entries: LogEntry[] = [];
  private blocks: Block[] = [];
  /** A call's newest line (the entry index), by its `call` key. */
  private callLine = new Map<string, number>();
  /** The text streamed so far under the line of each call still answering, by entry index. */
  private live = new Map<number, string>();
  private rowHeight = 18;
  private scheduled = false;
  /** Follow the newest entries; false once the person scrolls up, true again at the bottom. */
  private stick = true;
  /** The next scroll event is ours (going to the bottom), not the person's. */
  private selfScroll = false;

  constructor(private readonly box: HTMLElement) {
    box.addEventListener(
      'scroll',
      () => {
        if (this.selfScroll) this.selfScroll = false;
        else this.stick = this.box.scrollHeight - this.box.scrollTop - this.box.clientHeight < PINNED_PX;
        this.schedule();
      },
      { passive: true },
    );
    // Opening a row's output changes its block's height: measure again.
    box.addEventListener('toggle', () => this.schedule(), true);
    window.addEventListener('resize', () => {
      // Widths changed, so did wrapped heights: blocks not drawn are estimated again.
      for (const b of this.blocks) if (!b.drawn) this.size(b, undefined);
      this.schedule();
    });
  }

  get count(): number {
    return this.entries.length;
  }

  replace(entries: readonly LogEntry[]): void {
    this.entries = [];
    this.blocks = [];
    this.callLine.clear();
    this.live.clear();
    this.box.replaceChildren();
    this.stick = true;
    this.append(entries);
  }

  append(entries: readonly LogEntry[]): void {
    const touched = new Set<Block>();
    for (const e of entries) {
      const i = this.entries.length;
      this.entries.push(e);
      if (e.call !== undefined) this.callLine.set(e.call, i);
      if (i % BLOCK === 0) {
        const el = h('ol', { class: 'block' });
        this.blocks.push({ el, drawn: false, height: 0 });
        this.box.append(el);
      }
      const block = this.blocks[this.blocks.length - 1];
      if (block.drawn) block.el.append(this.row(i));
      else touched.add(block);
    }
    // Only the last blocks grow: estimate them again (found from the end, so a long log costs nothing here).
    for (const b of touched) this.size(b, undefined, this.blocks.lastIndexOf(b));
    this.update();
  }

  /** Streamed text of calls in flight grows (or, when a call ends, goes) under their lines. */
  stream(parts: readonly CallTextPart[]): void {
    const changed = new Set<number>();
    for (const p of parts) {
      const i = this.callLine.get(p.call);
      if (i === undefined) continue;
      if (p.end) this.live.delete(i);
      else {
        const text = (p.reset ? '' : (this.live.get(i) ?? '')) + p.text;
        this.live.set(i, text.length > LIVE_MAX ? `…${text.slice(text.length - LIVE_MAX + 1)}` : text);
      }
      changed.add(i);
    }
    for (const i of changed) {
      const b = this.blocks[Math.floor(i / BLOCK)];
      const old = b?.drawn ? b.el.children[i % BLOCK] : undefined;
      if (!old) continue;
      const row = this.row(i);
      old.replaceWith(row);
      // The newest text is at the bottom of its box.
      const pre = row.querySelector('pre.live');
      if (pre) pre.scrollTop = pre.scrollHeight;
    }
    if (changed.size) this.schedule();
  }

  /** The streamed text shown now, joined (what a ping reports). */
  get liveText(): string {
    return Array.from(this.box.querySelectorAll('pre.live'), (e) => e.textContent ?? '').join('\n');
  }

  private row(i: number): HTMLLIElement {
    return logRow(this.entries[i] as LogEntry, this.live.get(i));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.update();
    });
  }

  /** A block not drawn takes its measured height, or its rows times the usual row height. */
  private size(b: Block, measured: number | undefined, i = this.blocks.indexOf(b)): void {
    const rows = Math.min(BLOCK, this.entries.length - i * BLOCK);
    b.height = measured ?? rows * this.rowHeight;
    b.el.style.height = `${b.height}px`;
  }

  private toBottom(): void {
    const before = this.box.scrollTop;
    this.box.scrollTop = this.box.scrollHeight;
    if (this.box.scrollTop !== before) this.selfScroll = true;
  }

  /** Draws the blocks near the visible part and empties the others; keeps to the bottom when following. */
  private update(): void {
    if (this.stick) this.toBottom();
    const top = this.box.scrollTop - MARGIN;
    const bottom = this.box.scrollTop + this.box.clientHeight + MARGIN;
    let y = 0;
    let changed = false;
    for (let i = 0; i < this.blocks.length; i++) {
      const b = this.blocks[i];
      const height = b.drawn ? b.el.offsetHeight : b.height;
      const near = y + height >= top && y <= bottom;
      if (near && !b.drawn) {
        this.draw(b, i);
        changed = true;
      } else if (!near && b.drawn) {
        this.clear(b);
        changed = true;
      }
      y += b.drawn ? b.el.offsetHeight : b.height;
    }
    if (changed && this.stick) this.toBottom();
  }

  private draw(b: Block, i: number): void {
    b.el.style.height = '';
    const drawn: HTMLLIElement[] = [];
    for (let k = i * BLOCK; k < Math.min(this.entries.length, (i + 1) * BLOCK); k++) drawn.push(this.row(k));
    b.el.replaceChildren(...drawn);
    b.drawn = true;
    b.height = b.el.offsetHeight;
    const rows = b.el.childElementCount;
    if (rows > 0) this.rowHeight = Math.max(14, Math.round(b.height / rows));
  }

  private clear(b: Block): void {
    const height = b.el.offsetHeight;
    b.el.replaceChildren();
    b.drawn = false;
    this.size(b, height);
  }
}
