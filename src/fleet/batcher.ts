/**
 * Collects the items added during one turn of the event loop and hands them to `send` together
 * (at most `max` per call), so many callers cost one Redis round trip. `send` must answer every item,
 * in order, and never reject.
 */
export class Batcher<T, R> {
  private pending: Array<{ item: T; resolve: (r: R) => void }> = [];
  private scheduled = false;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly max: number,
    private readonly send: (items: readonly T[]) => Promise<R[]>,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve) => {
      this.pending.push({ item, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn, so replies that arrived together batch together.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once everything added so far has been sent and answered. */
  async drain(): Promise<void> {
    if (this.pending.length > 0) this.flush();
    await Promise.all([...this.inFlight]);
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.pending;
    this.pending = [];
    for (let i = 0; i < all.length; i += this.max) {
      const chunk = all.slice(i, i + this.max);
      const sent = this.send(chunk.map((e) => e.item)).then((results) => {
        chunk.forEach((e, j) => e.resolve(results[j] as R));
      });
      this.inFlight.add(sent);
      void sent.finally(() => this.inFlight.delete(sent));
    }
  }
}
