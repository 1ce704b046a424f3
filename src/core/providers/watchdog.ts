/**
 * The idle watchdog: the SDKs' timeouts cover only the wait for response headers, so a stream that
 * stalls after them would hang forever. Every wait for the next event (the first one included, which
 * covers the wait for headers) is raced against a timer and against the run's signal, so a stalled
 * or cancelled call ends at once even when the SDK does not notice the abort promptly.
 */

/** Why the watchdog ended a stream. */
export class WatchdogStop extends Error {
  constructor(readonly reason: 'stalled' | 'cancelled') {
    super(reason === 'stalled' ? 'no data within the idle timeout' : 'cancelled');
    this.name = 'WatchdogStop';
  }
}

export interface WatchOptions {
  readonly idleMs: number;
  /** The run's signal. */
  readonly signal: AbortSignal | undefined;
  /** Aborts the request itself, so its socket closes; called once the watchdog gives up on it. */
  readonly abortRequest: (reason: WatchdogStop) => void;
}

export async function* watchIdle<T>(source: AsyncIterable<T>, opts: WatchOptions): AsyncGenerator<T, void, undefined> {
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = it.next();
      const result = await race(next, opts);
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } catch (err) {
    if (err instanceof WatchdogStop) {
      opts.abortRequest(err);
      // The SDK's pending read settles once the abort reaches it; nobody waits for it.
      void Promise.resolve(it.return?.()).catch(() => undefined);
      finished = true;
    }
    throw err;
  } finally {
    if (!finished) void Promise.resolve(it.return?.()).catch(() => undefined);
  }
}

function race<T>(next: Promise<IteratorResult<T>>, opts: WatchOptions): Promise<IteratorResult<T>> {
  next.catch(() => undefined); // settles after the watchdog may have given up: no unhandled rejection
  return new Promise((resolve, reject) => {
    const { signal } = opts;
    const stop = (reason: 'stalled' | 'cancelled'): void => {
      cleanup();
      reject(new WatchdogStop(reason));
    };
    const onAbort = (): void => stop('cancelled');
    const timer = setTimeout(() => stop('stalled'), opts.idleMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    if (signal?.aborted) return stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    next.then(
      (r) => {
        cleanup();
        resolve(r);
      },
      (e: unknown) => {
        cleanup();
        reject(e);
      },
    );
  });
}
