/**
 * One request to one model: a concurrency slot, the adapter's stream under the idle watchdog, and
 * the run's signal wired to the HTTP request. Whatever goes wrong comes out as a ProviderError (or,
 * for an error nobody expected, as itself: that is a bug).
 */
import { AdapterFailure, type AdapterEvent, type ProviderAdapter } from './adapter';
import { classify } from './classify';
import type { ProviderSlots, Release } from './concurrency';
import { ProviderError, type CallContext } from './errors';
import type { ReplayFilter } from './replay';
import type { CallOptions, ChatRequest, ModelTarget, StopReason, StreamEvent, Usage } from './types';
import { watchIdle, WatchdogStop } from './watchdog';

export interface AttemptInput {
  readonly adapter: ProviderAdapter;
  readonly target: ModelTarget;
  readonly apiKey: string | undefined;
  readonly context: CallContext;
  readonly request: ChatRequest;
  readonly options: CallOptions;
  readonly slots: ProviderSlots;
  readonly idleMs: number;
  readonly replay: ReplayFilter;
  readonly now: () => number;
  /** The idle limit of a non-streamed answer; default WHOLE_ANSWER_MS (tests shorten it). */
  readonly wholeAnswerMs?: number;
  /** Calls in flight at once for this provider endpoint, when not the gateway's maxConcurrent (a coding CLI). */
  readonly slotLimit?: number;
}

export interface AttemptResult {
  readonly text: string;
  readonly stopReason: StopReason;
  readonly providerStopReason: string;
  readonly usage: Usage | null;
  readonly latencyMs: number;
}

/**
 * A non-streamed answer sends nothing until it is complete, so the idle limit cannot apply to it;
 * it gets the SDKs' own request limit instead (streaming, the default, is watched closely).
 */
const WHOLE_ANSWER_MS = 10 * 60_000;

/** Calls to one endpoint share its slots: Kimi and DeepSeek are different services. */
export function slotKey(target: ModelTarget): string {
  return `${target.provider}|${target.baseUrl ?? ''}`;
}

/** Yields the deltas (through the replay filter); returns the result once the terminal event arrived. */
export async function* attempt(a: AttemptInput): AsyncGenerator<StreamEvent, AttemptResult, undefined> {
  const run = a.options.signal;
  const request = new AbortController();
  const onRunAbort = (): void => request.abort(run?.reason);
  run?.addEventListener('abort', onRunAbort, { once: true });
  let stalled = false;
  // The latest counts the provider reported: charged even when the attempt fails afterwards.
  let reported: Usage | undefined;
  const stream = (a.options.stream ?? true) && a.adapter.canStream !== false;
  const idleMs = stream ? a.idleMs : Math.max(a.idleMs, a.wholeAnswerMs ?? WHOLE_ANSWER_MS);
  let release: Release | undefined;
  let text = '';
  try {
    release = await a.slots.acquire(slotKey(a.target), run, a.slotLimit);
    const started = a.now();
    const events: AsyncIterable<AdapterEvent> = a.adapter.open({
      model: a.target.model,
      baseUrl: a.target.baseUrl,
      apiKey: a.apiKey,
      request: a.request,
      stream,
      maxTokens: a.options.maxTokens,
      temperature: a.options.temperature,
      signal: request.signal,
    });
    const watched = watchIdle(events, {
      idleMs,
      signal: run,
      abortRequest: (stop: WatchdogStop) => {
        stalled = stop.reason === 'stalled';
        request.abort(stop);
      },
    });
    for await (const ev of watched) {
      if (ev.type === 'delta') {
        text += ev.text;
        yield* a.replay.push(ev.text);
      } else if (ev.type === 'usage') {
        reported = ev.usage;
      } else if (ev.type === 'done') {
        const usage = ev.usage ?? reported ?? null;
        return { text, stopReason: ev.stopReason, providerStopReason: ev.providerStopReason, usage, latencyMs: a.now() - started };
      }
    }
    // Ended without the protocol's terminal event: a cut-short answer, never a short one.
    throw new AdapterFailure({ kind: 'truncated' });
  } catch (err) {
    throw toProviderError(err, a, { cancelled: run?.aborted ?? false, stalled }, idleMs, reported, text.length);
  } finally {
    release?.();
    run?.removeEventListener('abort', onRunAbort);
    request.abort(); // a consumer that stopped early leaves no request running
  }
}

function toProviderError(err: unknown, a: AttemptInput, end: { cancelled: boolean; stalled: boolean }, idleMs: number, reported: Usage | undefined, receivedChars: number): unknown {
  if (err instanceof ProviderError) return err;
  const failure = classify(err, a.adapter.errorFacts(err), end);
  if (!failure) return err;
  const detail = failure.kind === 'stalled' ? { detail: `nothing arrived for ${idleMs / 1000} s` } : {};
  // Counts inside the failure itself (a failed Responses event) are final; else the last ones streamed.
  const usage = failure.usage ?? reported;
  return new ProviderError({ ...failure, ...detail, ...(usage && { usage }), ...(receivedChars > 0 && { receivedChars }) }, a.context);
}
