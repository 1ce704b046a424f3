/**
 * Money set aside for requests in flight. Without it, N parallel calls each see "under budget" and
 * all go; with it, each request holds its estimated cost until it ends (answered or failed), when
 * the ledger's real charge takes its place.
 */
export class BudgetReservations {
  private readonly held = new Map<number, number>();
  private next = 0;

  get reservedUsd(): number {
    let sum = 0;
    for (const usd of this.held.values()) sum += usd;
    return sum;
  }

  get inFlight(): number {
    return this.held.size;
  }

  /** Holds `usd`; the returned function lets it go (once, however often it is called). */
  hold(usd: number): () => void {
    const id = this.next++;
    this.held.set(id, usd);
    return () => void this.held.delete(id);
  }
}
