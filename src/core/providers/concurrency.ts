/**
 * At most N calls in flight per provider endpoint, so parallel reviews and waves queue instead of
 * setting off a storm of 429s. A slot is held for one request (not across a retry's wait).
 */
import pLimit from 'p-limit';

export type Release = () => void;

export class ProviderSlots {
  private readonly limits = new Map<string, pLimit.Limit>();

  constructor(private readonly perProvider: number) {
    if (!Number.isInteger(perProvider) || perProvider < 1) throw new RangeError(`maxConcurrent must be a whole number >= 1, got ${perProvider}`);
  }

  /**
   * Waits for a free slot of `key`; rejects with the signal's reason if it aborts while waiting.
   * `perKey` replaces the common limit for this key (set by its first caller).
   */
  acquire(key: string, signal?: AbortSignal, perKey?: number): Promise<Release> {
    let limit = this.limits.get(key);
    if (!limit) {
      limit = pLimit(perKey ?? this.perProvider);
      this.limits.set(key, limit);
    }
    return new Promise<Release>((resolve, reject) => {
      let gaveUp = false;
      const onAbort = (): void => {
        gaveUp = true;
        reject(signal?.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void limit(
        () =>
          new Promise<void>((done) => {
            signal?.removeEventListener('abort', onAbort);
            // A caller that stopped waiting hands its turn straight on.
            if (gaveUp) return done();
            let released = false;
            resolve(() => {
              if (!released) {
                released = true;
                done();
              }
            });
          }),
      );
    });
  }

  /** Calls in flight for `key` (for tests and the dashboard). */
  active(key: string): number {
    return this.limits.get(key)?.activeCount ?? 0;
  }
}
