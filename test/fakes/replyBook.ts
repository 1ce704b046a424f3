// Which scripted reply answers a request: the first route whose match fits the request's DaC-Context
// and still has answers left, else the head of the FIFO queue. Routes win so that a test can script
// each role by purpose and still queue replies for requests that carry no DaC-Context line.
import type { DacContext } from './dacContext';
import { ScriptError, type ReplyLike, type Route, type RouteMatch } from './script';

export type ReplySource = 'route' | 'queue';

interface RouteState {
  readonly match: RouteMatch;
  readonly replies: readonly ReplyLike[];
  readonly limit: number;
  used: number;
}

function matches(m: RouteMatch, dac: DacContext): boolean {
  return (Object.keys(m) as (keyof RouteMatch)[]).every((k) => m[k] === undefined || m[k] === dac[k]);
}

export class ReplyBook {
  private queue: ReplyLike[] = [];
  private routes: RouteState[] = [];

  script(replies: readonly ReplyLike[]): void {
    this.queue.push(...replies);
  }

  route(routes: readonly Route[]): void {
    for (const r of routes) {
      if ((r.reply === undefined) === (r.replies === undefined)) throw new ScriptError('fake-llm: a route needs exactly one of reply, replies');
      const replies = r.replies ?? [r.reply as ReplyLike];
      if (replies.length === 0) throw new ScriptError('fake-llm: a route needs at least one reply');
      const limit = r.times ?? (r.replies ? replies.length : Infinity);
      this.routes.push({ match: { ...r.match }, replies, limit, used: 0 });
    }
  }

  take(dac: DacContext | null): { reply: ReplyLike; source: ReplySource } | null {
    if (dac) {
      const state = this.routes.find((s) => s.used < s.limit && matches(s.match, dac));
      if (state) {
        const reply = state.replies[Math.min(state.used, state.replies.length - 1)] as ReplyLike;
        state.used++;
        return { reply, source: 'route' };
      }
    }
    const head = this.queue.shift();
    return head === undefined ? null : { reply: head, source: 'queue' };
  }

  /** Why nothing answered, for the 500 a test will read. */
  describe(): string {
    const spent = this.routes.filter((s) => s.used >= s.limit).length;
    return `${this.routes.length} route(s), ${spent} used up; queue empty`;
  }

  clear(): void {
    this.queue = [];
    this.routes = [];
  }
}
